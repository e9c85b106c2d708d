import { z } from "zod";
import { SLUG_PATTERN } from "~/lib/slug";

export const TITLE_MIN = 3;
export const TITLE_MAX = 150;
export const BODY_MAX = 50_000;
export const SLUG_MAX = 80;

/** What the post form sends. The buttons say what to do with it (`intent`). */
export const postSchema = z.object({
  title: z
    .string({ error: "post.error.titleRequired" })
    .trim()
    .min(TITLE_MIN, { error: "post.error.titleRequired" })
    .max(TITLE_MAX, { error: "post.error.titleTooLong" }),
  slug: z
    .string()
    .trim()
    .toLowerCase()
    .max(SLUG_MAX, { error: "post.error.slugInvalid" })
    .refine((value) => value === "" || SLUG_PATTERN.test(value), { error: "post.error.slugInvalid" })
    .optional()
    .transform((value) => value || null),
  /** "" for a post about the lab in general, or a cycle's id. */
  cycleId: z
    .string()
    .optional()
    .transform((value) => (value ? value : ""))
    .refine((value) => value === "" || /^[1-9]\d{0,9}$/.test(value), { error: "post.error.cycleInvalid" })
    .transform((value) => (value ? Number(value) : null)),
  body: z
    .string({ error: "post.error.bodyRequired" })
    .transform((value) => value.replace(/\r\n?/g, "\n"))
    .refine((value) => value.trim().length > 0, { error: "post.error.bodyRequired" })
    .refine((value) => value.length <= BODY_MAX, { error: "post.error.bodyTooLong" })
    .transform((value) => value.trim()),
  intent: z.enum(["draft", "publish", "unpublish", "save"], { error: "error.badRequest" }),
});

export type PostForm = z.output<typeof postSchema>;
export type PostInput = Omit<PostForm, "intent">;
export type PostIntent = PostForm["intent"];
