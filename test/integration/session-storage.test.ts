import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "#db/client.server";
import { sessions } from "#db/schema";
import { validateSessionToken } from "~/auth/session.server";
import { hashSecret } from "~/auth/session";
import { logIn } from "~/domain/accounts/accounts.server";
import { createUser, uniqueIp } from "../support/factories";

/** Every value in every table, as text (blobs both as hex and as UTF-8). */
function everyStoredValue(): string[] {
  const sqlite = getDb().$client;
  const tables = sqlite
    .prepare(`SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`)
    .pluck()
    .all() as string[];
  const values: string[] = [];
  for (const table of tables) {
    for (const row of sqlite.prepare(`SELECT * FROM "${table}"`).raw().all() as unknown[][]) {
      for (const value of row) {
        if (value === null || value === undefined) continue;
        if (Buffer.isBuffer(value)) values.push(value.toString("hex"), value.toString("utf8"));
        else values.push(String(value));
      }
    }
  }
  return values;
}

describe("what the database keeps of a session", () => {
  it("holds the session id and a SHA-256 hash of the secret, never the secret or the token", async () => {
    const user = await createUser();
    const result = await logIn({ email: user.email, password: user.password, ip: uniqueIp() });
    if (!result.ok) throw new Error(`sign-in failed: ${result.reason}`);
    const [id, secret] = result.token.split(".") as [string, string];

    const values = everyStoredValue();
    expect(values.some((value) => value.includes(secret))).toBe(false);
    expect(values.some((value) => value.includes(result.token))).toBe(false);

    const row = getDb().select().from(sessions).where(eq(sessions.id, id)).get();
    expect(row?.userId).toBe(user.id);
    expect(Buffer.from(row!.secretHash).equals(Buffer.from(hashSecret(secret)))).toBe(true);

    // What a copy of the database gives an attacker is not a usable cookie.
    const hashHex = Buffer.from(row!.secretHash).toString("hex");
    expect(validateSessionToken(`${id}.${hashHex}`)).toBeNull();
    expect(validateSessionToken(`${id}.${hashHex.slice(0, 24)}`)).toBeNull();
    expect(validateSessionToken(id)).toBeNull();
    expect(validateSessionToken(result.token)?.user.id).toBe(user.id);
  });
});
