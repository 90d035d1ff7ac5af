/**
 * What the moderation forms need to act live: the dialogue, whether the socket is
 * up, and the acknowledged actions. Without it (or with the socket down) every form
 * posts to the route action instead, which calls the same domain function.
 */
import { createContext, useContext } from "react";
import type { QaEvent, QueueDelta } from "~/domain/questions/qa.server";
import type { ModerationInput } from "~/domain/questions/questions.schema";
import type { AckResponse } from "~/realtime/events";

export interface ModerationLive {
  dialogueId: number;
  connected: boolean;
  moderate(input: ModerationInput): Promise<AckResponse<{ done: true }>>;
  claim(questionId: number): Promise<AckResponse<{ until: string }>>;
  /** A form post's answer when the socket was down: the same queue delta and events the socket would have sent. */
  applyFallback(result: { queue?: QueueDelta; events?: QaEvent[] }): void;
}

export const ModerationLiveContext = createContext<ModerationLive | null>(null);

export const useModerationLive = () => useContext(ModerationLiveContext);

/** The moderation payload a form holds, as the socket event wants it (the assign select sends "panelist:12"). */
export function moderationValues(form: FormData, dialogueId: number): Record<string, unknown> {
  const values: Record<string, unknown> = { dialogueId };
  for (const [k, v] of form.entries()) {
    if (typeof v !== "string" || k.startsWith("_") || k === "intent") continue;
    values[k] = v;
  }
  const assignee = values.assignee;
  if (typeof assignee === "string" && assignee.includes(":")) {
    const [type, id] = assignee.split(":");
    values.assigneeType = type;
    values.assigneeId = id;
    delete values.assignee;
  }
  return values;
}
