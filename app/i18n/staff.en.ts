import type staffSv from "~/i18n/staff.sv";

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

const staffEn: Shape<typeof staffSv> = {
  sessions: {
    heading: "Sign-ins",
    count_one: "You are signed in in {{count}} place right now (this browser included).",
    count_other: "You are signed in in {{count}} places right now (this browser included).",
    intro: "Forgot to sign out on another computer, or lost a phone? Sign out everywhere to end all your sign-ins, this one included.",
    signOutEverywhere: "Sign out everywhere",
    endFor: "Sign out everywhere",
    endedFor_one: "{{name}} is signed out everywhere ({{count}} sign-in ended).",
    endedFor_other: "{{name}} is signed out everywhere ({{count}} sign-ins ended).",
  },
};

export default staffEn;
