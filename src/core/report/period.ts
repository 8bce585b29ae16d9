// The calendar of the debt-budget report (PRODUCT.md §3): which local days make up a sprint,
// an ISO week or a month, and the UTC instants at which such a period begins and ends in the
// configured time zone. Pure: every function gets the instant it reasons about as an argument
// (never the clock) and time zones come from Intl's bundled ICU data, not from a library.
import type { Period, PeriodKind, PeriodRules, PeriodSelector } from "./types.ts";
import { PERIOD_KINDS } from "./types.ts";

const DAY_MS = 86_400_000;
const SECOND_MS = 1000;

// Local days are handled as "day numbers": whole days since 1970-01-01, the calendar date read
// as if it were UTC. Calendar arithmetic on them is plain integer arithmetic, free of any zone.
// Years are limited to what `YYYY-MM-DD` can spell.
const MIN_YEAR = 0;
const MAX_YEAR = 9999;

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** `2026-06-29` → its day number, or null when the text is not a real calendar date. */
function parseDay(text: string): number | null {
  if (typeof text !== "string") return null;
  const match = ISO_DAY.exec(text);
  if (match === null) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return dayNumberOf(year, month, day);
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function dayNumberOf(year: number, month: number, day: number): number {
  // setUTCFullYear rather than Date.UTC: Date.UTC reads years 0–99 as 1900–1999.
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return Math.round(date.getTime() / DAY_MS);
}

export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

function calendarDateOf(dayNumber: number): CalendarDate {
  const date = new Date(dayNumber * DAY_MS);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

function formatDay({ year, month, day }: CalendarDate): string {
  if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) {
    throw new RangeError(`Day out of range: year ${year} cannot be written as YYYY-MM-DD`);
  }
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

function dayOf(dayNumber: number): string {
  return formatDay(calendarDateOf(dayNumber));
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, "0");
}

/** Remainder with the sign of the divisor, so days before an anchor fall into earlier blocks. */
function floorMod(dividend: number, divisor: number): number {
  return ((dividend % divisor) + divisor) % divisor;
}

/** 0 for Monday … 6 for Sunday; day number 0 (1970-01-01) was a Thursday. */
function isoWeekdayIndex(dayNumber: number): number {
  return floorMod(dayNumber + 3, 7);
}

function requireDay(text: string, what = "day"): number {
  const dayNumber = parseDay(text);
  if (dayNumber === null) {
    throw new RangeError(`Invalid ${what} ${JSON.stringify(text)}: expected a calendar date as YYYY-MM-DD`);
  }
  return dayNumber;
}

/** A real calendar date in strict `YYYY-MM-DD`: `2028-02-29` is one, `2026-02-30` is not. */
export function isIsoDay(text: string): boolean {
  return parseDay(text) !== null;
}

/** The year, month and day of a real calendar date in strict `YYYY-MM-DD`, or null (as `isIsoDay`). */
export function readIsoDay(text: string): CalendarDate | null {
  const dayNumber = parseDay(text);
  return dayNumber === null ? null : calendarDateOf(dayNumber);
}

/** Whether a `YYYY-MM-DD` day is a Monday; false for anything that is not a day. */
export function isMonday(day: string): boolean {
  const dayNumber = parseDay(day);
  return dayNumber !== null && isoWeekdayIndex(dayNumber) === 0;
}

/** Adds (or with a negative count subtracts) whole calendar days. */
export function addDays(day: string, days: number): string {
  if (!Number.isSafeInteger(days)) {
    throw new RangeError(`Invalid day count ${String(days)}: expected a whole number`);
  }
  return dayOf(requireDay(day) + days);
}

// ---------------------------------------------------------------------------------------------
// Time zones

// Constructing a DateTimeFormat is far more expensive than using one, and a report asks for the
// same zone thousands of times. Only zones Intl accepted are kept, so the cache holds real zones.
const wallClockFormats = new Map<string, Intl.DateTimeFormat>();

function wallClockFormat(timeZone: string): Intl.DateTimeFormat | null {
  const cached = wallClockFormats.get(timeZone);
  if (cached !== undefined) return cached;
  if (typeof timeZone !== "string" || timeZone === "") return null;
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone,
      // h23: midnight is hour 0, never the "24" some hour12:false formats print.
      hourCycle: "h23",
      // The era tells 1 BC (ISO year 0) from AD 1, which otherwise both print as year 1.
      era: "short",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
  } catch {
    return null;
  }
  wallClockFormats.set(timeZone, format);
  return format;
}

function requireTimeZone(timeZone: string): Intl.DateTimeFormat {
  const format = wallClockFormat(timeZone);
  if (format === null) {
    throw new RangeError(`Unknown time zone ${JSON.stringify(timeZone)}: expected an IANA name such as Europe/Berlin`);
  }
  return format;
}

/** A time zone Intl knows: IANA names such as `UTC` or `America/St_Johns` (any letter case). */
export function isTimeZone(name: string): boolean {
  return wallClockFormat(name) !== null;
}

/**
 * The local wall-clock time at an instant, as milliseconds of the same calendar date and time
 * read as UTC. Subtracting the instant gives the zone's offset then.
 */
function wallClockMs(instantMs: number, format: Intl.DateTimeFormat): number {
  // Intl prints whole seconds; format the second the instant is in and add its milliseconds.
  const secondMs = Math.floor(instantMs / SECOND_MS) * SECOND_MS;
  const fields: Record<string, string> = {};
  for (const part of format.formatToParts(secondMs)) fields[part.type] = part.value;
  const yearOfEra = Number(fields.year);
  const year = fields.era === "BC" || fields.era === "B" ? 1 - yearOfEra : yearOfEra;
  const date = new Date(0);
  date.setUTCFullYear(year, Number(fields.month) - 1, Number(fields.day));
  date.setUTCHours(Number(fields.hour), Number(fields.minute), Number(fields.second));
  return date.getTime() + (instantMs - secondMs);
}

function offsetMsAt(instantMs: number, format: Intl.DateTimeFormat): number {
  return wallClockMs(instantMs, format) - instantMs;
}

function requireInstant(instant: Date, what: string): number {
  const ms = instant instanceof Date ? instant.getTime() : Number.NaN;
  if (Number.isNaN(ms)) throw new RangeError(`Invalid ${what}: expected a valid Date`);
  return ms;
}

/** The calendar day an instant falls on in a time zone. */
export function localDay(instant: Date, timeZone: string): string {
  return dayOf(localDayNumber(requireInstant(instant, "instant"), requireTimeZone(timeZone)));
}

function localDayNumber(instantMs: number, format: Intl.DateTimeFormat): number {
  return Math.floor(wallClockMs(instantMs, format) / DAY_MS);
}

/** The instant a local day begins in a time zone. */
export function startOfLocalDay(day: string, timeZone: string): Date {
  return new Date(startOfDayNumber(requireDay(day), requireTimeZone(timeZone)));
}

// Offsets lie within ±16 h (even historical local mean times), so 36 h either side of a wall-clock
// midnight read as UTC always brackets the instant that midnight happens.
const SEARCH_RADIUS_MS = 36 * 3_600_000;

/**
 * The first instant whose local wall clock reads the given day or later. Normally that is local
 * midnight; when a zone's clocks jump over midnight (America/Santiago, America/Havana and
 * Asia/Beirut start summer time at 00:00) the day begins at the jump, at 01:00 local; when
 * midnight happens twice (America/Havana ends summer time at 01:00 → 00:00) at the first one;
 * and a day a zone skipped entirely (Pacific/Apia, 2011-12-30) begins, and ends, when the next
 * one begins.
 */
function startOfDayNumber(dayNumber: number, format: Intl.DateTimeFormat): number {
  const midnight = dayNumber * DAY_MS;
  // The offsets a day or so either side cover both sides of any single transition near this
  // midnight. Each gives a candidate instant; one whose wall clock reads exactly midnight is
  // right, and the earlier one wins when midnight happened twice. Iterating each candidate once
  // more catches an offset that holds only briefly around midnight.
  const offsets = new Set<number>();
  for (const probe of [midnight - DAY_MS, midnight + DAY_MS]) {
    const offset = offsetMsAt(probe, format);
    offsets.add(offset);
    offsets.add(offsetMsAt(midnight - offset, format));
  }
  const exactMidnights = [...offsets]
    .map((offset) => midnight - offset)
    .filter((candidate) => wallClockMs(candidate, format) === midnight)
    .sort((a, b) => a - b);
  const firstMidnight = exactMidnights[0];
  if (firstMidnight !== undefined) return firstMidnight;
  return firstInstantReaching(midnight, format);
}

/**
 * Midnight does not exist on this day: bisect, on whole seconds (zones change their offsets on
 * whole seconds), for the first instant at which the wall clock has passed it.
 */
function firstInstantReaching(wallMs: number, format: Intl.DateTimeFormat): number {
  let before = (wallMs - SEARCH_RADIUS_MS) / SECOND_MS;
  let reached = (wallMs + SEARCH_RADIUS_MS) / SECOND_MS;
  while (reached - before > 1) {
    const middle = Math.floor((before + reached) / 2);
    if (wallClockMs(middle * SECOND_MS, format) >= wallMs) reached = middle;
    else before = middle;
  }
  return reached * SECOND_MS;
}

// ---------------------------------------------------------------------------------------------
// Periods

function requireRules(rules: PeriodRules): Intl.DateTimeFormat {
  if (!(PERIOD_KINDS as readonly string[]).includes(rules.kind)) {
    throw new RangeError(`Unknown period kind ${JSON.stringify(rules.kind)}: expected one of ${PERIOD_KINDS.join(", ")}`);
  }
  // The sprint fields only matter for sprints; the other kinds ignore whatever they hold.
  if (rules.kind === "sprint") {
    if (!Number.isSafeInteger(rules.sprintDays) || rules.sprintDays < 1) {
      throw new RangeError(`Invalid sprint length ${String(rules.sprintDays)}: expected a whole number of days, at least 1`);
    }
    const anchor = requireDay(rules.sprintStart, "sprint start");
    if (isoWeekdayIndex(anchor) !== 0) {
      throw new RangeError(`Invalid sprint start ${JSON.stringify(rules.sprintStart)}: expected a Monday`);
    }
  }
  return requireTimeZone(rules.timeZone);
}

/** First and last day number of the period containing a day. */
function periodDays(dayNumber: number, rules: PeriodRules): [number, number] {
  switch (rules.kind) {
    case "sprint": {
      const first = dayNumber - floorMod(dayNumber - requireDay(rules.sprintStart), rules.sprintDays);
      return [first, first + rules.sprintDays - 1];
    }
    case "iso-week": {
      const monday = dayNumber - isoWeekdayIndex(dayNumber);
      return [monday, monday + 6];
    }
    case "month": {
      const { year, month } = calendarDateOf(dayNumber);
      return [dayNumberOf(year, month, 1), dayNumberOf(year, month, daysInMonth(year, month))];
    }
  }
}

function periodOfDayNumber(dayNumber: number, rules: PeriodRules): Period {
  const format = requireRules(rules);
  const [first, last] = periodDays(dayNumber, rules);
  return {
    start: dayOf(first),
    end: dayOf(last),
    from: new Date(startOfDayNumber(first, format)).toISOString(),
    until: new Date(startOfDayNumber(last + 1, format)).toISOString(),
  };
}

/** The period containing a local day. */
export function periodOfDay(day: string, rules: PeriodRules): Period {
  return periodOfDayNumber(requireDay(day), rules);
}

/** The period containing an instant: the one containing its local day in the rules' zone. */
export function periodAt(instant: Date, rules: PeriodRules): Period {
  return periodOfDayNumber(localDayNumber(requireInstant(instant, "instant"), requireRules(rules)), rules);
}

/** The period before: the one containing the day before `period` starts. */
export function previousPeriod(period: Period, rules: PeriodRules): Period {
  return periodOfDayNumber(requireDay(period.start, "period start") - 1, rules);
}

/** The period after: the one containing the day after `period` ends. */
export function nextPeriod(period: Period, rules: PeriodRules): Period {
  return periodOfDayNumber(requireDay(period.end, "period end") + 1, rules);
}

/** `count` consecutive periods, oldest first, the last being `period`; for a trend. */
export function periodsEndingWith(period: Period, count: number, rules: PeriodRules): Period[] {
  if (!Number.isSafeInteger(count) || count < 0) {
    throw new RangeError(`Invalid period count ${String(count)}: expected a whole number, at least 0`);
  }
  const periods: Period[] = [];
  let current = period;
  for (let index = 0; index < count; index++) {
    periods.unshift(current);
    if (index + 1 < count) current = previousPeriod(current, rules);
  }
  return periods;
}

/** "current": the period running at `now`; "previous": the last complete one; `{day}`: the one containing it. */
export function resolvePeriod(selector: PeriodSelector, now: Date, rules: PeriodRules): Period {
  if (selector === "current") return periodAt(now, rules);
  if (selector === "previous") return previousPeriod(periodAt(now, rules), rules);
  if (typeof selector === "object" && selector !== null && typeof selector.day === "string") {
    return periodOfDay(selector.day, rules);
  }
  throw new RangeError(`Invalid period selector ${JSON.stringify(selector)}: expected "current", "previous" or {day}`);
}

// ---------------------------------------------------------------------------------------------
// Instants

// RFC 3339 as GitHub writes it (`2026-07-05T23:30:00Z`), plus the extended years toISOString
// writes beyond 9999. An explicit offset is required: without one, Date.parse would read the
// time in the process's own zone, an input this module must not depend on.
const ISO_INSTANT = /^(\d{4}|[+-]\d{6})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(?:(Z)|([+-])(\d{2}):(\d{2}))$/i;

/**
 * Milliseconds since the epoch of an ISO-8601 instant. Parsed by hand because Date.parse accepts
 * impossible dates (`2026-02-30` becomes March 2nd). Digits beyond milliseconds are cut off, so
 * an instant a hair before a period's end is never rounded up into the next one.
 */
function parseInstant(text: string, what: string): number {
  const match = typeof text === "string" ? ISO_INSTANT.exec(text) : null;
  const invalid = () => new RangeError(`Invalid ${what} ${JSON.stringify(text)}: expected an ISO-8601 instant such as 2026-07-05T23:30:00Z`);
  if (match === null) throw invalid();
  const [, yearText = "", monthText = "", dayText = "", hourText = "", minuteText = "", secondText = "0", fraction = ""] = match;
  const year = Number(yearText);
  const month = Number(monthText);
  const day = Number(dayText);
  const [hour, minute, second] = [Number(hourText), Number(minuteText), Number(secondText)];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) throw invalid();
  if (hour > 23 || minute > 59 || second > 59) throw invalid();
  let offsetMinutes = 0;
  if (match[8] === undefined) {
    const [offsetHours, offsetMinutesPart] = [Number(match[10]), Number(match[11])];
    if (offsetHours > 23 || offsetMinutesPart > 59) throw invalid();
    offsetMinutes = (match[9] === "-" ? -1 : 1) * (offsetHours * 60 + offsetMinutesPart);
  }
  const milliseconds = Number(fraction.slice(0, 3).padEnd(3, "0"));
  return dayNumberOf(year, month, day) * DAY_MS + ((hour * 60 + minute - offsetMinutes) * 60 + second) * SECOND_MS + milliseconds;
}

function instantMs(instant: string | Date, what: string): number {
  return typeof instant === "string" ? parseInstant(instant, what) : requireInstant(instant, what);
}

/** Whether the period has ended by `now`: its last local day is over. */
export function isComplete(period: Period, now: Date): boolean {
  return requireInstant(now, "now") >= parseInstant(period.until, "period until");
}

/** Whether an instant (a Date or an ISO-8601 string with offset) lies in the period: from ≤ t < until. */
export function containsInstant(period: Period, instant: string | Date): boolean {
  const ms = instantMs(instant, "instant");
  return parseInstant(period.from, "period from") <= ms && ms < parseInstant(period.until, "period until");
}

// ---------------------------------------------------------------------------------------------
// Words

/** What a period of this kind is called in prose: "sprint", "week" or "month". */
export function periodName(kind: PeriodKind): "sprint" | "week" | "month" {
  switch (kind) {
    case "sprint":
      return "sprint";
    case "iso-week":
      return "week";
    case "month":
      return "month";
  }
}
