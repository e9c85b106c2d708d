/**
 * Days as the ratings store them: "YYYY-MM-DD" in Europe/Amsterdam. Pure and
 * safe for the browser. Weeks start on Monday (ISO), like Dutch calendars.
 */

const DAY_MS = 86_400_000;

const amsterdam = new Intl.DateTimeFormat("en-CA", {
  timeZone: "Europe/Amsterdam",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});

/** The calendar day of a moment in Europe/Amsterdam. */
export function amsterdamDay(moment: Date | number): string {
  const parts = Object.fromEntries(amsterdam.formatToParts(moment).map((part) => [part.type, part.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/** Days since 1970-01-01 (a day string read as a UTC date). */
export function dayNumber(day: string): number {
  const [y, m, d] = day.split("-").map(Number);
  return Math.round(Date.UTC(y!, m! - 1, d!) / DAY_MS);
}

export function dayFromNumber(n: number): string {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

export function addDays(day: string, days: number): string {
  return dayFromNumber(dayNumber(day) + days);
}

/** The Monday of the week the day is in. */
export function weekStart(day: string): string {
  const n = dayNumber(day);
  const weekday = (new Date(n * DAY_MS).getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  return dayFromNumber(n - weekday);
}

/** A day string as a Date at UTC midnight, to format with timeZone "UTC". */
export function dayAsDate(day: string): Date {
  return new Date(dayNumber(day) * DAY_MS);
}

export function isDay(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && dayFromNumber(dayNumber(value)) === value;
}
