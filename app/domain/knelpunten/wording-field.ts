/**
 * Where the wording check's message goes on a form with several text fields
 * (app/domain/moderation/wording.ts): at the first field that contains the
 * words, so the author sees what to rephrase.
 */
import { findProfilingWords } from "~/domain/moderation/wording";

/** The first of `fields` (name → text, in form order) whose text has the words; `fallback` when none has. */
export function fieldWithWords(fields: Record<string, string | null | undefined>, fallback: string): string {
  for (const [name, text] of Object.entries(fields)) {
    if (text && findProfilingWords(text).length > 0) return name;
  }
  return fallback;
}
