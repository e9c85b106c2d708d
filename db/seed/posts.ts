import type { SeedContext } from "./context";

/** PLACEHOLDER: the posts step of the demo data; replaced by the module that owns it. */
export function seedPosts(_context: SeedContext) {}
