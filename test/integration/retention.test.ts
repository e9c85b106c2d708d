import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "#db/client.server";
import { auditLog, oneTimeCodes, outbox, users } from "#db/schema";
import { pruneAuditLog, pruneOldCodes, pruneOldMail, pruneUnconfirmedAccounts } from "~/lib/retention.server";
import { createUser } from "../support/factories";

const DAY = 86_400_000;

describe("retention", () => {
  it("mail older than 90 days is deleted, newer mail stays", () => {
    const db = getDb();
    const now = Date.now();
    const old = db.insert(outbox).values({ toAddress: "oud@example.test", subject: "Oud", textBody: "x", createdAt: new Date(now - 91 * DAY) }).returning().get();
    const fresh = db.insert(outbox).values({ toAddress: "nieuw@example.test", subject: "Nieuw", textBody: "x", createdAt: new Date(now - 89 * DAY) }).returning().get();
    expect(pruneOldMail(now)).toBeGreaterThanOrEqual(1);
    expect(db.select().from(outbox).where(eq(outbox.id, old.id)).get()).toBeUndefined();
    expect(db.select().from(outbox).where(eq(outbox.id, fresh.id)).get()).toBeDefined();
  });

  it("audit rows are deleted only after five years; younger rows cannot be deleted at all", () => {
    const db = getDb();
    const now = Date.now();
    const old = db.insert(auditLog).values({ action: "test.old", targetType: "test", targetId: "1", createdAt: new Date(now - 6 * 365 * DAY) }).returning().get();
    const young = db.insert(auditLog).values({ action: "test.young", targetType: "test", targetId: "2", createdAt: new Date(now - 4 * 365 * DAY) }).returning().get();
    expect(pruneAuditLog(now)).toBe(1);
    expect(db.select().from(auditLog).where(eq(auditLog.id, old.id)).get()).toBeUndefined();
    expect(() => db.delete(auditLog).where(eq(auditLog.id, young.id)).run()).toThrow(/kept for 5 years/);
    expect(() => db.update(auditLog).set({ reason: "anders" }).where(eq(auditLog.id, young.id)).run()).toThrow(/append-only/);
  });

  it("expired codes go after a day; unconfirmed accounts after 30 days, confirmed ones stay", async () => {
    const db = getDb();
    const now = Date.now();
    const unconfirmed = await createUser({ verified: false });
    const confirmed = await createUser();
    db.update(users).set({ createdAt: new Date(now - 31 * DAY) }).where(eq(users.id, unconfirmed.id)).run();
    db.update(users).set({ createdAt: new Date(now - 31 * DAY) }).where(eq(users.id, confirmed.id)).run();
    const code = { userId: confirmed.id, purpose: "reset_password" as const, codeHash: Buffer.from("x"), createdAt: new Date(now - 3 * DAY) };
    const old = db.insert(oneTimeCodes).values({ ...code, expiresAt: new Date(now - 2 * DAY) }).returning().get();
    const live = db.insert(oneTimeCodes).values({ ...code, expiresAt: new Date(now + DAY) }).returning().get();
    expect(pruneOldCodes(now)).toBeGreaterThanOrEqual(1);
    expect(db.select().from(oneTimeCodes).where(eq(oneTimeCodes.id, old.id)).get()).toBeUndefined();
    expect(db.select().from(oneTimeCodes).where(eq(oneTimeCodes.id, live.id)).get()).toBeDefined();
    expect(pruneUnconfirmedAccounts(now)).toBeGreaterThanOrEqual(1);
    expect(db.select().from(users).where(eq(users.id, unconfirmed.id)).get()).toBeUndefined();
    expect(db.select().from(users).where(eq(users.id, confirmed.id)).get()).toBeDefined();
  });
});
