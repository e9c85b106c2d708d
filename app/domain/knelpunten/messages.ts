/**
 * Message keys of the knelpunten, measures and escalation areas, until the
 * catalog (app/i18n/nl/knelpunten.ts) is part of the app-wide MessageKey.
 * Every key built here from a reason or status is checked by the compiler
 * against the catalog. Safe for the browser (no server code).
 */
import type { EscalationRefusal } from "~/domain/escalation/policy";
import type { MeasureKind, MeasureRefusal, MeasureStatus } from "~/domain/measures/policy";
import type { knelpunten } from "~/i18n/nl/knelpunten";
import type { KnelpuntStatus, ReportRefusal, ResolveRefusal } from "./policy";

export type KnelpuntMessageKey = keyof typeof knelpunten;

/** A refusal as commands return it: the reason, and the message to show. */
export type Refused<R extends string> = { ok: false; reason: R; message: KnelpuntMessageKey; field?: string };

/** What the interface may offer, from the same policy the server asks. */
export type Permission<R extends string> = { allowed: true } | { allowed: false; reason: R; message: KnelpuntMessageKey };

const ALLOWED: Permission<never> = Object.freeze({ allowed: true });
const refusals = new Map<string, Permission<string>>();

/**
 * One shared, frozen object per answer: a page with 40 measures asks eight
 * questions about each, and React Router's hydration data writes an object
 * it has already written as a reference to the first (about 6 kB less on
 * the busiest knelpunt).
 */
export function permission<R extends string>(reason: R | null, message: (reason: R) => KnelpuntMessageKey): Permission<R> {
  if (reason === null) return ALLOWED;
  const messageKey = message(reason);
  const key = `${reason}\u0000${messageKey}`;
  let refused = refusals.get(key);
  if (!refused) {
    refused = Object.freeze({ allowed: false, reason, message: messageKey });
    refusals.set(key, refused);
  }
  return refused as Permission<R>;
}

export const knelpuntStatusMessage = (status: KnelpuntStatus): KnelpuntMessageKey => `knelpunt.status.${status}`;
export const measureStatusMessage = (status: MeasureStatus): KnelpuntMessageKey => `measure.status.${status}`;
export const measureKindMessage = (kind: MeasureKind): KnelpuntMessageKey => `measure.kind.${kind}`;
export const reportRefusalMessage = (reason: ReportRefusal): KnelpuntMessageKey => `knelpunt.refusal.${reason}`;
export const resolveRefusalMessage = (reason: ResolveRefusal): KnelpuntMessageKey => `knelpunt.refusal.resolve.${reason}`;
export const measureRefusalMessage = (reason: MeasureRefusal): KnelpuntMessageKey => `measure.refusal.${reason}`;
export const escalationRefusalMessage = (reason: EscalationRefusal): KnelpuntMessageKey => `escalation.refusal.${reason}`;
