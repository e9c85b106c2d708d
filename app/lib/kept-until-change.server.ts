import { databaseVersion } from "#db/client.server";

/**
 * `compute()`'s result, kept until anything in the database changes (any
 * commit, by this process or another: `databaseVersion()`), for small lists
 * that are the same for everyone and that a page needs on every request, such
 * as the choices of a filter. The value is shared between requests: treat it
 * as read-only.
 */
export function keptUntilChange<T>(compute: () => T): () => T {
  let kept: { version: string; value: T } | undefined;
  return () => {
    const version = databaseVersion();
    if (kept?.version !== version) kept = { version, value: compute() };
    return kept.value;
  };
}
