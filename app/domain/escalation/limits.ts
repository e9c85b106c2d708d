/** The longest public reason for a fast-track escalation. Plain, so the form does not pull zod into the browser. */
export const FAST_TRACK_REASON_MAX = 1000;
