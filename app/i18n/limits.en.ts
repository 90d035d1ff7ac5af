import type limitsSv from "~/i18n/limits.sv";

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

const limitsEn: Shape<typeof limitsSv> = {
  tooMany: "Too many attempts have come from this device or this network in a short time. Wait a while and try again.",
  emailCap: "We have already sent as many e-mails to this address in the last day as we may. Try again tomorrow, or use another address.",
  queueShowing: "Showing {{from}}–{{to}} of {{total}} waiting questions.",
  queueNext: "Show the next waiting questions",
  queueFirst: "Back to the start of the queue",
  queuePages: "Queue pages",
};

export default limitsEn;
