/** Staff account strings shared by the staff pages: sessions ("Logga ut överallt"). */
const staffSv = {
  sessions: {
    heading: "Inloggningar",
    count_one: "Du är inloggad på {{count}} ställe just nu (den här webbläsaren räknas).",
    count_other: "Du är inloggad på {{count}} ställen just nu (den här webbläsaren räknas).",
    intro: "Har du glömt att logga ut på en annan dator, eller tappat bort en telefon? Logga ut överallt, så avslutas alla dina inloggningar, även den här.",
    signOutEverywhere: "Logga ut överallt",
    endFor: "Logga ut överallt",
    endedFor_one: "{{name}} är utloggad överallt ({{count}} inloggning avslutad).",
    endedFor_other: "{{name}} är utloggad överallt ({{count}} inloggningar avslutade).",
  },
};

export default staffSv;
