// Limits on public writes (docs/security.md, "Limits") and the moderation queue's pages.
const limitsSv = {
  tooMany: "Det har kommit för många försök på kort tid från den här enheten eller det här nätverket. Vänta en stund och försök igen.",
  emailCap:
    "Vi har redan skickat så många e-postmeddelanden till den här adressen det senaste dygnet som vi får. Försök igen i morgon, eller använd en annan adress.",
  queueShowing: "Visar {{from}}–{{to}} av {{total}} väntande frågor.",
  queueNext: "Visa nästa väntande frågor",
  queueFirst: "Tillbaka till början av kön",
  queuePages: "Sidor i kön",
} as const;

export default limitsSv;
