/**
 * One line of iCalendar text. ical-generator escapes the event's text fields (SUMMARY, LOCATION,
 * DESCRIPTION) but writes the calendar's NAME and X-WR-CALNAME as given, so a staff-entered title
 * with a line break there would start properties, or a whole VEVENT, of its own. Single-line fields
 * go through this at the iCal boundary, whatever the form let in.
 */
// eslint-disable-next-line no-control-regex -- control characters are exactly what is replaced
const BREAKS_AND_CONTROLS = /[\u0000-\u001f\u007f\u0085\u2028\u2029]+/g;

export function icalLine(text: string): string {
  return text.replace(BREAKS_AND_CONTROLS, " ").replace(/ {2,}/g, " ").trim();
}
