import path from "node:path";
import { defaultSecurityContact } from "./security-txt";

/**
 * Every setting comes from an environment variable; README.md lists them.
 * Read lazily so tests can set the environment before first use.
 */
export function config() {
  const env = process.env;
  const production = env.NODE_ENV === "production";
  const port = Number(env.PORT ?? 3000);
  const publicUrl = (env.PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/+$/, "");
  return {
    production,
    port,
    publicUrl,
    databasePath: path.resolve(env.DATABASE_PATH ?? "data/veranderlab.db"),
    smtpUrl: env.SMTP_URL || undefined,
    mailFrom: env.MAIL_FROM ?? "Veranderlab <noreply@veranderlab.local>",
    /** Demo data: on by default for the quick start, off in production unless asked for. */
    seedDemo: env.SEED_DEMO ? env.SEED_DEMO === "true" : !production,
    trustProxy: env.TRUST_PROXY === "true",
    secureCookies: publicUrl.startsWith("https:"),
    /** Flags from different people that hide a text until a project leader decides. */
    flagThreshold: Math.max(1, Math.floor(Number(env.FLAG_THRESHOLD ?? 3)) || 3),
    /** How long a visitor's page is kept in memory (0: not at all). */
    pageCacheSeconds: Math.max(0, Number(env.PAGE_CACHE_SECONDS ?? 5) || 0),
    /** Where to report a vulnerability (security.txt's Contact): a mailto: or https: address. */
    securityContact: env.SECURITY_CONTACT || defaultSecurityContact(publicUrl),
  };
}
