import type { SeedContext } from "./context";

/** PLACEHOLDER: the questions step of the demo data; replaced by the module that owns it. */
export function seedQuestions(_context: SeedContext) {}
