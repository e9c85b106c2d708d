import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { eq } from "drizzle-orm";
import { getDb } from "#db/client.server";
import { appSecrets } from "#db/schema";

/** The key that signs links in mail, made once per installation and kept in the database. */
function signingKey(): Buffer {
  const db = getDb();
  const row = db.select().from(appSecrets).where(eq(appSecrets.name, "mail_link_key")).get();
  if (row) return Buffer.from(row.value, "base64url");
  db.insert(appSecrets).values({ name: "mail_link_key", value: randomBytes(32).toString("base64url") }).onConflictDoNothing().run();
  return signingKey();
}

const PURPOSE = "unsubscribe:v1";

function signature(userId: string): string {
  return createHmac("sha256", signingKey()).update(`${PURPOSE}:${userId}`).digest("base64url");
}

/**
 * A link token that only unsubscribes one person from mail about knelpunten:
 * `<userId>.<HMAC(key, purpose + userId)>`. It cannot be used to sign in or to
 * do anything else, and works without logging in.
 */
export function unsubscribeToken(userId: string): string {
  return `${userId}.${signature(userId)}`;
}

/** The user id a token was made for, or null when it is forged or malformed. */
export function verifyUnsubscribeToken(token: string | null | undefined): string | null {
  if (!token || token.length > 200) return null;
  const dot = token.indexOf(".");
  if (dot <= 0) return null;
  const userId = token.slice(0, dot);
  const given = Buffer.from(token.slice(dot + 1));
  const expected = Buffer.from(signature(userId));
  return given.length === expected.length && timingSafeEqual(given, expected) ? userId : null;
}
