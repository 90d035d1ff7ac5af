/**
 * Every budget of the public (anonymous) writes, in one place. docs/security.md ("Limits")
 * shows this table; change both together.
 *
 * Each action has a per-device budget (the resident's `tryggve_pid`) and a per-IP budget (the
 * client address as TRUST_PROXY decides, IPv6 by its /64), and some a per-IP budget per target
 * (one question). The per-IP budgets are sized for a room of 50-100 residents behind one venue
 * Wi-Fi or a phone operator's shared address; a script that rotates device cookies from one
 * address runs into them. The domain's own per-device rules stay where they are and are stricter
 * in their scope (3 questions a minute and 20 a dialogue, one pin per 5 s and 200 a walk, one
 * vote per question, one "is this fixed?" answer per measure and walk).
 */

export interface Budget {
  /** How many requests in the window. */
  points: number;
  /** The window, in seconds (fixed, starting at the first request). */
  seconds: number;
}

export interface ActionBudgets {
  device: Budget;
  ip: Budget;
  /** Per IP and target (the question voted on), for actions that aim at one thing. */
  ipPerTarget?: Budget;
}

const MINUTE = 60;
const HOUR = 3600;

export const PUBLIC_BUDGETS = {
  /** A question (socket `qa:ask` or the form). */
  "qa.ask": { device: { points: 6, seconds: MINUTE }, ip: { points: 60, seconds: 10 * MINUTE } },
  /** A vote or unvote (socket `qa:vote` or the form). */
  "qa.vote": {
    device: { points: 30, seconds: MINUTE },
    ip: { points: 600, seconds: MINUTE },
    ipPerTarget: { points: 150, seconds: 10 * MINUTE },
  },
  /** A poll answer (socket `poll:answer` or the form): one per poll and device anyway; a room answers in a burst. */
  "poll.answer": {
    device: { points: 30, seconds: MINUTE },
    ip: { points: 600, seconds: MINUTE },
    ipPerTarget: { points: 150, seconds: 10 * MINUTE },
  },
  /** A place on a walk (socket `walk:observe` or the map form). */
  "walk.observe": { device: { points: 20, seconds: MINUTE }, ip: { points: 150, seconds: 10 * MINUTE } },
  /** A photo for one's own observation. */
  "walk.photo": { device: { points: 10, seconds: 10 * MINUTE }, ip: { points: 100, seconds: 10 * MINUTE } },
  /** An "is this fixed?" answer on a follow-up walk. */
  "walk.check": { device: { points: 30, seconds: 10 * MINUTE }, ip: { points: 300, seconds: 10 * MINUTE } },
  /** A registration for a dialogue. */
  "dialogue.register": { device: { points: 5, seconds: HOUR }, ip: { points: 120, seconds: HOUR } },
  /** Following a measure by e-mail (sends a confirmation). */
  "measure.follow": { device: { points: 10, seconds: HOUR }, ip: { points: 60, seconds: HOUR } },
  /** An accessibility report. */
  "a11y.report": { device: { points: 5, seconds: HOUR }, ip: { points: 30, seconds: HOUR } },
} as const satisfies Record<string, ActionBudgets>;

export type PublicAction = keyof typeof PUBLIC_BUDGETS;

/**
 * E-mail to one address: at most this many in a 24-hour window (from its first mail), across the kinds in
 * EMAIL_CAPPED_KINDS (app/domain/email/outbox.server.ts).
 */
export const EMAIL_PER_ADDRESS = { points: 10, seconds: 24 * HOUR } as const;

/** The moderation queue is read in pages of this many waiting questions (with the total). */
export const QUEUE_PAGE_SIZE = 500;
