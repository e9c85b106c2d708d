/**
 * Queries that pages run on every request, built once.
 *
 * drizzle builds a query's SQL from its parts on every run (`is`, `sql`,
 * the dialect: about a tenth of a signed-in page's server time,
 * docs/performance.md). A query written with `sql.placeholder()` for its
 * values and `.prepare()`d is built once; each run only binds the values.
 * The prepared query belongs to one connection, so it is built again when
 * the app's database changes (tests open a new one per file).
 *
 * Only for queries whose SQL does not depend on the values (a list of ids,
 * `inArray`, does: those stay built per run).
 */
import { getDb, type Db } from "#db/client.server";

export function preparedQuery<T>(build: (db: Db) => T): () => T {
  let kept: { db: Db; query: T } | undefined;
  return () => {
    const db = getDb();
    if (kept?.db !== db) kept = { db, query: build(db) };
    return kept.query;
  };
}
