import { z } from "zod";

/** A report covers one UTC calendar month, named YYYY-MM. */
export const periodSchema = z
  .string()
  .trim()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, "must be a month as YYYY-MM")
  .refine((p) => Number(p.slice(0, 4)) >= 2000, "must be 2000-01 or later");

export interface PeriodRange {
  period: string;
  from: Date;
  /** The month's end, or `now` for the month in progress (a month-to-date report). */
  to: Date;
  complete: boolean;
}

export const periodOf = (d: Date) => d.toISOString().slice(0, 7);

/** The month before the one `now` falls in: what the schedule reports on the 1st. */
export function previousPeriod(now: Date): string {
  return periodOf(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1)));
}

/**
 * The half-open range [from, to) of a month. A month that has not started is refused (there is
 * nothing to report); the current one ends at `now`.
 */
export function periodRange(period: string, now: Date): PeriodRange | null {
  const year = Number(period.slice(0, 4));
  const month = Number(period.slice(5, 7)) - 1;
  const from = new Date(Date.UTC(year, month, 1));
  const end = new Date(Date.UTC(year, month + 1, 1));
  if (from.getTime() > now.getTime()) return null;
  const complete = end.getTime() <= now.getTime();
  return { period, from, to: complete ? end : now, complete };
}

const monthName = new Intl.DateTimeFormat("en-GB", { month: "long", year: "numeric", timeZone: "UTC" });
export const periodLabel = (period: string) => monthName.format(new Date(`${period}-01T00:00:00Z`));
