import { z } from "zod";
import { NOTIFY_MODES } from "./modes";

export const notifyModeSchema = z.object({
  notifyMode: z.enum(NOTIFY_MODES, { error: "notify.error.mode" }),
});

export const followSchema = z.object({
  intent: z.enum(["follow", "unfollow"], { error: "error.badRequest" }),
});
