import type indicatorsSv from "~/i18n/indicators.sv";

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

const indicatorsEn: Shape<typeof indicatorsSv> = {
  kinds: {
    reported_crime: "Reported crime",
    perceived_unsafe: "Perceived insecurity",
  },
  staff: {
    title: "Import indicators",
    intro: "Paste a CSV file of values and their source. A preview comes first; if any row is wrong, nothing is imported.",
    format:
      "Columns: source_name, source_url, indicator (reported_crime or perceived_unsafe), district (the district's short name or name), period (YYYY, YYYY-Q1 to Q4 or YYYY-MM), value (a number), unit, note and optionally category.",
    csv: "CSV content",
    csvHint: "The first row holds the column names. Comma or semicolon as separator.",
    label: "Description of the import",
    labelHint: "For example the file's name or the source's report.",
    illustrative: "Made-up figures (demo data, not real statistics)",
    preview: "Preview",
    import: "Import",
    previewHeading: "Preview",
    rowsOk_one: "{{count}} row is valid.",
    rowsOk_other: "{{count}} rows are valid.",
    errorsHeading: "Rows with errors – nothing has been imported",
    errorLine: "Row {{line}}, column {{field}}: {{message}}",
    imported_one: "{{count}} value was imported.",
    imported_other: "{{count}} values were imported.",
    demo: "Demo file with made-up figures",
  },
  public: {
    heading: "Perceived insecurity and reported crime",
    intro: "How the district looks according to statistics and surveys, beside what has been done. Every chart has a table with the same data and the source.",
    perceivedHeading: "Perceived insecurity",
    crimeHeading: "Reported crime",
    pollsHeading: "The standard safety question in the dialogues",
    measuresHeading: "Measures completed",
    period: "Period",
    category: "Category",
    total: "Total",
    value: "Value",
    unit: "Unit",
    source: "Source",
    year: "Year",
    dialogue: "Dialogue",
    answers: "Answers",
    unsafeShare: "Share unsafe (%)",
    done: "Measures done",
    caveatCrime:
      "Reported crime is not all crime: many crimes are never reported, and the number of reports also depends on how much the police work in the district.",
    caveatPerceived:
      "Perceived insecurity comes from surveys, such as the city's safety survey: the share who feel unsafe going out alone late in the evening.",
    illustrative: "Made-up figures for demonstration – not real statistics.",
    csv: "Download the values as CSV (the import format)",
    walkHeading: "Felt safety on the safety walks",
    places: "Places marked",
    feelingMean: "Mean of how safe it feels (0–3)",
    walkCaveat: "From the places participants marked on the walks: 0 is unsafe and 3 safe. Those who join a walk are not a sample of all residents.",
    none: "No values for the district yet.",
  },
  errors: {
    unreadable: "The file could not be read as CSV.",
    empty: "The file has no rows.",
    missingColumn: "The column is missing from the first row.",
    tooManyRows: "The file has more than 5,000 rows.",
    sourceName: "The source's name is missing.",
    sourceUrl: "The source's address must start with http:// or https://.",
    indicator: "Unknown indicator: use reported_crime or perceived_unsafe.",
    district: "Unknown district.",
    period: "The period must be YYYY, YYYY-Q1 to YYYY-Q4 or YYYY-MM.",
    value: "The value is not a number.",
    unit: "The unit is missing.",
    duplicate: "The same district, indicator, category, period and source is already on an earlier row.",
    csvRequired: "Paste the CSV content.",
  },
};

export default indicatorsEn;
