import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addDays,
  containsInstant,
  isComplete,
  isIsoDay,
  isMonday,
  isTimeZone,
  localDay,
  nextPeriod,
  periodAt,
  periodName,
  periodOfDay,
  periodsEndingWith,
  previousPeriod,
  resolvePeriod,
  startOfLocalDay,
} from "../../src/core/report/period.ts";
import type { Period, PeriodKind, PeriodRules } from "../../src/core/report/types.ts";

const DEFAULT_ANCHOR = "2024-01-01";

function rules(kind: PeriodKind, overrides: Partial<PeriodRules> = {}): PeriodRules {
  return { kind, sprintDays: 14, sprintStart: DEFAULT_ANCHOR, timeZone: "UTC", ...overrides };
}

const sprint = (overrides: Partial<PeriodRules> = {}) => rules("sprint", overrides);

/** Start and end days only, for the tests about which days a period covers. */
function days(period: Period): [string, string] {
  return [period.start, period.end];
}

// An oracle independent of the code under test: the calendar day an instant falls on in a zone,
// read straight from Intl, and whole days between two dates from Date.UTC.
const oracleFormats = new Map<string, Intl.DateTimeFormat>();
function oracleDay(instantMs: number, timeZone: string): string {
  let format = oracleFormats.get(timeZone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat("en-US", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
    oracleFormats.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(instantMs).map((part) => [part.type, part.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}

function utcDayNumber(day: string): number {
  const [year, month, date] = day.split("-").map(Number);
  return Date.UTC(year ?? Number.NaN, (month ?? Number.NaN) - 1, date) / 86_400_000;
}

describe("isIsoDay", () => {
  it.each(["2026-06-29", "2028-02-29", "2000-02-29", "2026-12-31", "2026-01-01", "0001-01-01", "9999-12-31"])("accepts the real date %s", (day) =>
    expect(isIsoDay(day)).toBe(true),
  );

  it.each([
    "2026-02-29",
    "2026-02-30",
    "2100-02-29",
    "2026-04-31",
    "2026-13-01",
    "2026-00-10",
    "2026-01-00",
    "2026-1-01",
    "26-01-01",
    "2026/01/01",
    "2026-01-01T00:00:00Z",
    " 2026-01-01",
    "2026-01-01\n",
    "",
    "+02026-01-01",
    "２０２６-01-01",
  ])("rejects %j", (text) => expect(isIsoDay(text)).toBe(false));
});

describe("isMonday", () => {
  it("knows Mondays", () => {
    expect(isMonday("2024-01-01")).toBe(true);
    expect(isMonday("2026-06-29")).toBe(true);
    expect(isMonday("2026-06-28")).toBe(false);
    expect(isMonday("2026-06-30")).toBe(false);
    expect(isMonday("1969-12-29")).toBe(true);
  });

  it("is false for text that is not a day", () => {
    expect(isMonday("2026-02-30")).toBe(false);
    expect(isMonday("monday")).toBe(false);
  });
});

describe("isTimeZone", () => {
  it.each(["UTC", "Europe/Berlin", "America/St_Johns", "Asia/Kathmandu", "Pacific/Kiritimati", "europe/berlin"])("accepts %s", (zone) =>
    expect(isTimeZone(zone)).toBe(true),
  );

  it.each(["Mars/Base", "", " UTC", "Europe/Berlin ", "Not a zone"])("rejects %j", (zone) => expect(isTimeZone(zone)).toBe(false));
});

describe("addDays", () => {
  it("does calendar arithmetic across months, years and leap days", () => {
    expect(addDays("2026-06-29", 13)).toBe("2026-07-12");
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addDays("2027-01-01", -1)).toBe("2026-12-31");
    expect(addDays("2028-02-28", 1)).toBe("2028-02-29");
    expect(addDays("2026-02-28", 1)).toBe("2026-03-01");
    expect(addDays("2026-03-29", 1)).toBe("2026-03-30");
    expect(addDays("2024-01-01", 0)).toBe("2024-01-01");
    expect(addDays("2024-01-01", 366 + 365)).toBe("2026-01-01");
    expect(addDays("0001-01-01", -1)).toBe("0000-12-31");
  });

  it("refuses bad input and days beyond 9999", () => {
    expect(() => addDays("2026-02-30", 1)).toThrow(/"2026-02-30"/);
    expect(() => addDays("2026-01-01", 1.5)).toThrow(/1\.5/);
    expect(() => addDays("9999-12-31", 1)).toThrow(/out of range/);
  });

  it("round-trips and agrees with Date.UTC", () => {
    fc.assert(
      fc.property(fc.integer({ min: -40_000, max: 40_000 }), fc.integer({ min: -40_000, max: 40_000 }), (offset, delta) => {
        const day = addDays("1970-01-01", offset);
        expect(isIsoDay(day)).toBe(true);
        expect(utcDayNumber(day)).toBe(offset);
        expect(addDays(addDays(day, delta), -delta)).toBe(day);
      }),
    );
  });
});

describe("localDay", () => {
  it("is the calendar day in the zone", () => {
    const merged = new Date("2026-07-05T23:30:00Z");
    expect(localDay(merged, "UTC")).toBe("2026-07-05");
    expect(localDay(merged, "Europe/Berlin")).toBe("2026-07-06");
    expect(localDay(merged, "America/Los_Angeles")).toBe("2026-07-05");
  });

  it("handles the extreme offsets +14 and −11", () => {
    expect(localDay(new Date("2026-07-05T09:59:59.999Z"), "Pacific/Kiritimati")).toBe("2026-07-05");
    expect(localDay(new Date("2026-07-05T10:00:00.000Z"), "Pacific/Kiritimati")).toBe("2026-07-06");
    expect(localDay(new Date("2026-07-05T10:59:59.999Z"), "Pacific/Pago_Pago")).toBe("2026-07-04");
    expect(localDay(new Date("2026-07-05T11:00:00.000Z"), "Pacific/Pago_Pago")).toBe("2026-07-05");
  });

  it("handles instants before 1970 and in year 0", () => {
    expect(localDay(new Date("1969-12-31T23:59:59.999Z"), "UTC")).toBe("1969-12-31");
    expect(localDay(new Date("1969-12-31T23:30:00Z"), "Asia/Kolkata")).toBe("1970-01-01");
    expect(localDay(new Date("0000-06-15T12:00:00Z"), "UTC")).toBe("0000-06-15");
  });

  it("refuses an unknown zone or an invalid date", () => {
    expect(() => localDay(new Date(0), "Mars/Base")).toThrow(/"Mars\/Base"/);
    expect(() => localDay(new Date(Number.NaN), "UTC")).toThrow(/valid Date/);
  });
});

describe("startOfLocalDay", () => {
  it.each([
    ["2026-06-29", "UTC", "2026-06-29T00:00:00.000Z"],
    ["2026-07-05", "Europe/Berlin", "2026-07-04T22:00:00.000Z"],
    ["2026-01-05", "Europe/Berlin", "2026-01-04T23:00:00.000Z"],
    ["2026-07-05", "America/Los_Angeles", "2026-07-05T07:00:00.000Z"],
    ["2026-07-05", "Asia/Kolkata", "2026-07-04T18:30:00.000Z"],
    ["2026-07-05", "Asia/Kathmandu", "2026-07-04T18:15:00.000Z"],
    ["2026-07-05", "America/St_Johns", "2026-07-05T02:30:00.000Z"],
    ["2026-01-05", "America/St_Johns", "2026-01-05T03:30:00.000Z"],
    ["2026-07-05", "Pacific/Kiritimati", "2026-07-04T10:00:00.000Z"],
    ["2026-07-05", "Pacific/Pago_Pago", "2026-07-05T11:00:00.000Z"],
  ])("%s in %s begins at %s", (day, zone, instant) => {
    expect(startOfLocalDay(day, zone).toISOString()).toBe(instant);
  });

  it("follows Lord Howe's half-hour daylight saving shift", () => {
    expect(startOfLocalDay("2026-01-15", "Australia/Lord_Howe").toISOString()).toBe("2026-01-14T13:00:00.000Z");
    expect(startOfLocalDay("2026-07-15", "Australia/Lord_Howe").toISOString()).toBe("2026-07-14T13:30:00.000Z");
    // Clocks go from 02:00 to 02:30 on 2026-10-04: that day lasts 23½ hours.
    const from = startOfLocalDay("2026-10-04", "Australia/Lord_Howe").getTime();
    const until = startOfLocalDay("2026-10-05", "Australia/Lord_Howe").getTime();
    expect(new Date(from).toISOString()).toBe("2026-10-03T13:30:00.000Z");
    expect(until - from).toBe(23.5 * 3_600_000);
  });

  it("begins the day at 01:00 when summer time skips midnight", () => {
    // Chile, Cuba and (historically) Lebanon move the clocks from 00:00 straight to 01:00.
    expect(startOfLocalDay("2022-09-11", "America/Santiago").toISOString()).toBe("2022-09-11T04:00:00.000Z");
    expect(startOfLocalDay("2026-09-06", "America/Santiago").toISOString()).toBe("2026-09-06T04:00:00.000Z");
    expect(startOfLocalDay("2026-03-08", "America/Havana").toISOString()).toBe("2026-03-08T05:00:00.000Z");
    expect(startOfLocalDay("2022-03-27", "Asia/Beirut").toISOString()).toBe("2022-03-26T22:00:00.000Z");
    // The first instant of the day reads 01:00 locally; the one before still reads the previous day.
    const start = startOfLocalDay("2022-09-11", "America/Santiago").getTime();
    expect(oracleDay(start, "America/Santiago")).toBe("2022-09-11");
    expect(oracleDay(start - 1, "America/Santiago")).toBe("2022-09-10");
  });

  it("begins the day at the first midnight when midnight happens twice", () => {
    // Cuba ends summer time at 01:00, back to 00:00: 2025-11-02 has two midnights, 04:00Z and 05:00Z.
    expect(startOfLocalDay("2025-11-02", "America/Havana").toISOString()).toBe("2025-11-02T04:00:00.000Z");
    expect(startOfLocalDay("2025-11-03", "America/Havana").toISOString()).toBe("2025-11-03T05:00:00.000Z");
  });

  it("lets a day a zone skipped begin, and end, when the next day begins", () => {
    // Samoa jumped from 2011-12-29 23:59:59 straight to 2011-12-31 00:00.
    const skipped = startOfLocalDay("2011-12-30", "Pacific/Apia").toISOString();
    expect(skipped).toBe("2011-12-30T10:00:00.000Z");
    expect(startOfLocalDay("2011-12-31", "Pacific/Apia").toISOString()).toBe(skipped);
    expect(startOfLocalDay("2011-12-29", "Pacific/Apia").toISOString()).toBe("2011-12-29T10:00:00.000Z");
    expect(localDay(new Date("2011-12-30T09:59:59.999Z"), "Pacific/Apia")).toBe("2011-12-29");
    expect(localDay(new Date("2011-12-30T10:00:00.000Z"), "Pacific/Apia")).toBe("2011-12-31");
  });

  it("handles local mean time offsets with seconds", () => {
    // Berlin kept local mean time, +00:53:28, until 1893.
    expect(startOfLocalDay("1850-01-01", "Europe/Berlin").toISOString()).toBe("1849-12-31T23:06:32.000Z");
  });

  it("is the first instant of the day, by an independent reading of Intl", () => {
    fc.assert(
      fc.property(fc.integer({ min: utcDayNumber("1990-01-01"), max: utcDayNumber("2060-12-31") }), fc.constantFrom(...ZONES), (dayNumber, zone) => {
        const day = addDays("1970-01-01", dayNumber);
        const start = startOfLocalDay(day, zone).getTime();
        expect(oracleDay(start - 1, zone) < day).toBe(true);
        // The day itself, unless the zone skipped it; then the day after.
        expect(oracleDay(start, zone) >= day).toBe(true);
        expect(oracleDay(start, zone) <= addDays(day, 1)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it("refuses a bad day or zone", () => {
    expect(() => startOfLocalDay("2026-02-30", "UTC")).toThrow(/"2026-02-30"/);
    expect(() => startOfLocalDay("2026-02-01", "Mars/Base")).toThrow(/"Mars\/Base"/);
    expect(() => startOfLocalDay("2026-02-01", "")).toThrow(/Unknown time zone ""/);
  });
});

describe("sprints", () => {
  it.each([
    // The default: 14 days from Monday 2024-01-01. 2026-06-15 is 896 = 64 × 14 days after it.
    ["2026-06-27", "2026-06-15", "2026-06-28"],
    ["2026-06-15", "2026-06-15", "2026-06-28"],
    ["2026-06-28", "2026-06-15", "2026-06-28"],
    ["2026-06-29", "2026-06-29", "2026-07-12"],
    ["2026-07-12", "2026-06-29", "2026-07-12"],
    ["2024-01-01", "2024-01-01", "2024-01-14"],
    ["2024-01-14", "2024-01-01", "2024-01-14"],
    ["2024-01-15", "2024-01-15", "2024-01-28"],
    ["2026-01-01", "2025-12-29", "2026-01-11"],
  ])("of 14 days: %s is in %s..%s", (day, start, end) => {
    expect(days(periodOfDay(day, sprint()))).toEqual([start, end]);
  });

  it.each([
    ["2023-12-31", "2023-12-18", "2023-12-31"],
    ["2023-12-18", "2023-12-18", "2023-12-31"],
    ["2023-12-17", "2023-12-04", "2023-12-17"],
    // 2020-01-01 is 1461 days before the anchor; 1470 = 105 × 14 days before it is 2019-12-23.
    ["2020-01-01", "2019-12-23", "2020-01-05"],
  ])("before the anchor: %s is in %s..%s", (day, start, end) => {
    expect(days(periodOfDay(day, sprint()))).toEqual([start, end]);
  });

  it("counts from whatever Monday is the anchor, in both directions", () => {
    expect(days(periodOfDay("2026-06-27", sprint({ sprintStart: "2026-06-22" })))).toEqual(["2026-06-22", "2026-07-05"]);
    expect(days(periodOfDay("2026-06-21", sprint({ sprintStart: "2026-06-22" })))).toEqual(["2026-06-08", "2026-06-21"]);
    expect(days(periodOfDay("2030-01-01", sprint({ sprintStart: "2030-12-30" })))).toEqual(["2029-12-31", "2030-01-13"]);
  });

  it("of 7 days are ISO weeks when anchored on a Monday", () => {
    expect(days(periodOfDay("2026-06-27", sprint({ sprintDays: 7 })))).toEqual(["2026-06-22", "2026-06-28"]);
    expect(days(periodOfDay("2023-12-31", sprint({ sprintDays: 7 })))).toEqual(["2023-12-25", "2023-12-31"]);
  });

  it("of 1 day are single days", () => {
    const period = periodOfDay("2026-06-27", sprint({ sprintDays: 1 }));
    expect(period).toEqual({ start: "2026-06-27", end: "2026-06-27", from: "2026-06-27T00:00:00.000Z", until: "2026-06-28T00:00:00.000Z" });
    expect(days(periodOfDay("2023-12-31", sprint({ sprintDays: 1 })))).toEqual(["2023-12-31", "2023-12-31"]);
  });

  it("of 10 days need not line up with weeks", () => {
    // 908 days from the anchor to 2026-06-27; 900 is the last multiple of 10.
    expect(days(periodOfDay("2026-06-27", sprint({ sprintDays: 10 })))).toEqual(["2026-06-19", "2026-06-28"]);
    // One day before the anchor is −1: the block from −10 to −1.
    expect(days(periodOfDay("2023-12-31", sprint({ sprintDays: 10 })))).toEqual(["2023-12-22", "2023-12-31"]);
  });

  it("start a whole number of sprints from the anchor and contain the day", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -20_000, max: 40_000 }),
        fc.integer({ min: 1, max: 60 }),
        fc.integer({ min: -2000, max: 4000 }),
        (dayNumber, sprintDays, anchorWeeks) => {
          const day = addDays("1970-01-01", dayNumber);
          const sprintStart = addDays(DEFAULT_ANCHOR, anchorWeeks * 7);
          const period = periodOfDay(day, sprint({ sprintDays, sprintStart }));
          const start = utcDayNumber(period.start);
          expect(start <= dayNumber && dayNumber <= utcDayNumber(period.end)).toBe(true);
          expect(utcDayNumber(period.end) - start + 1).toBe(sprintDays);
          expect((((start - utcDayNumber(sprintStart)) % sprintDays) + sprintDays) % sprintDays).toBe(0);
        },
      ),
    );
  });
});

describe("ISO weeks", () => {
  const week = rules("iso-week");

  it.each([
    ["2026-06-27", "2026-06-22", "2026-06-28"],
    ["2026-06-29", "2026-06-29", "2026-07-05"],
    ["2026-07-05", "2026-06-29", "2026-07-05"],
    // Across a year boundary; 2026 has 53 ISO weeks (it starts on a Thursday), so does 2020.
    ["2026-12-31", "2026-12-28", "2027-01-03"],
    ["2027-01-03", "2026-12-28", "2027-01-03"],
    ["2027-01-04", "2027-01-04", "2027-01-10"],
    ["2020-12-31", "2020-12-28", "2021-01-03"],
    ["2021-01-01", "2020-12-28", "2021-01-03"],
    ["2025-12-31", "2025-12-29", "2026-01-04"],
  ])("%s is in %s..%s", (day, start, end) => {
    expect(days(periodOfDay(day, week))).toEqual([start, end]);
  });

  it("run Monday to Sunday", () => {
    fc.assert(
      fc.property(fc.integer({ min: -20_000, max: 40_000 }), (dayNumber) => {
        const period = periodOfDay(addDays("1970-01-01", dayNumber), week);
        expect(new Date(`${period.start}T00:00:00Z`).getUTCDay()).toBe(1);
        expect(utcDayNumber(period.end) - utcDayNumber(period.start)).toBe(6);
        expect(utcDayNumber(period.start) <= dayNumber && dayNumber <= utcDayNumber(period.end)).toBe(true);
      }),
    );
  });
});

describe("months", () => {
  const month = rules("month");

  it.each([
    ["2028-02-10", "2028-02-01", "2028-02-29"],
    ["2026-02-10", "2026-02-01", "2026-02-28"],
    ["2000-02-29", "2000-02-01", "2000-02-29"],
    ["2100-02-28", "2100-02-01", "2100-02-28"],
    ["2026-01-31", "2026-01-01", "2026-01-31"],
    ["2026-01-01", "2026-01-01", "2026-01-31"],
    ["2026-04-30", "2026-04-01", "2026-04-30"],
    ["2026-12-31", "2026-12-01", "2026-12-31"],
  ])("%s is in %s..%s", (day, start, end) => {
    expect(days(periodOfDay(day, month))).toEqual([start, end]);
  });

  it("go from December to January and back", () => {
    const december = periodOfDay("2026-12-15", month);
    const january = nextPeriod(december, month);
    expect(days(january)).toEqual(["2027-01-01", "2027-01-31"]);
    expect(previousPeriod(january, month)).toEqual(december);
    expect(days(nextPeriod(periodOfDay("2028-01-31", month), month))).toEqual(["2028-02-01", "2028-02-29"]);
  });

  it("cover the calendar month of the day", () => {
    fc.assert(
      fc.property(fc.integer({ min: -20_000, max: 40_000 }), (dayNumber) => {
        const day = addDays("1970-01-01", dayNumber);
        const period = periodOfDay(day, month);
        const [year, monthNumber] = day.split("-").map(Number) as [number, number];
        expect(period.start).toBe(`${day.slice(0, 7)}-01`);
        expect(utcDayNumber(period.end)).toBe(Date.UTC(year, monthNumber, 0) / 86_400_000);
      }),
    );
  });
});

describe("time zones", () => {
  const merged = "2026-07-05T23:30:00Z";

  it("put a PR merged late Sunday UTC into the next local day in Berlin and the same in Los Angeles", () => {
    const berlin = periodAt(new Date(merged), rules("iso-week", { timeZone: "Europe/Berlin" }));
    expect(berlin).toEqual({ start: "2026-07-06", end: "2026-07-12", from: "2026-07-05T22:00:00.000Z", until: "2026-07-12T22:00:00.000Z" });
    expect(containsInstant(berlin, merged)).toBe(true);

    const losAngeles = periodAt(new Date(merged), rules("iso-week", { timeZone: "America/Los_Angeles" }));
    expect(losAngeles).toEqual({ start: "2026-06-29", end: "2026-07-05", from: "2026-06-29T07:00:00.000Z", until: "2026-07-06T07:00:00.000Z" });
    expect(containsInstant(losAngeles, merged)).toBe(true);
  });

  it("handle +14 (Kiritimati) and −11 (Pago Pago)", () => {
    expect(periodOfDay("2026-07-15", rules("month", { timeZone: "Pacific/Kiritimati" }))).toEqual({
      start: "2026-07-01",
      end: "2026-07-31",
      from: "2026-06-30T10:00:00.000Z",
      until: "2026-07-31T10:00:00.000Z",
    });
    expect(periodOfDay("2026-07-15", rules("month", { timeZone: "Pacific/Pago_Pago" }))).toEqual({
      start: "2026-07-01",
      end: "2026-07-31",
      from: "2026-07-01T11:00:00.000Z",
      until: "2026-08-01T11:00:00.000Z",
    });
    // The same instant is on different days in the two zones, a whole day apart.
    const instant = new Date("2026-07-31T10:30:00Z");
    expect(days(periodAt(instant, rules("month", { timeZone: "Pacific/Kiritimati" })))).toEqual(["2026-08-01", "2026-08-31"]);
    expect(days(periodAt(instant, rules("month", { timeZone: "Pacific/Pago_Pago" })))).toEqual(["2026-07-01", "2026-07-31"]);
  });

  it("get the instants right around Berlin's DST changes", () => {
    const berlinMonth = rules("month", { timeZone: "Europe/Berlin" });
    expect(periodOfDay("2026-03-29", berlinMonth)).toEqual({
      start: "2026-03-01",
      end: "2026-03-31",
      from: "2026-02-28T23:00:00.000Z",
      until: "2026-03-31T22:00:00.000Z",
    });
    expect(periodOfDay("2026-10-25", berlinMonth)).toEqual({
      start: "2026-10-01",
      end: "2026-10-31",
      from: "2026-09-30T22:00:00.000Z",
      until: "2026-10-31T23:00:00.000Z",
    });
    const berlinDay = sprint({ sprintDays: 1, timeZone: "Europe/Berlin" });
    const spring = periodOfDay("2026-03-29", berlinDay);
    expect([spring.from, spring.until]).toEqual(["2026-03-28T23:00:00.000Z", "2026-03-29T22:00:00.000Z"]);
    const autumn = periodOfDay("2026-10-25", berlinDay);
    expect([autumn.from, autumn.until]).toEqual(["2026-10-24T22:00:00.000Z", "2026-10-25T23:00:00.000Z"]);
    const week = periodOfDay("2026-03-29", rules("iso-week", { timeZone: "Europe/Berlin" }));
    expect(week).toEqual({ start: "2026-03-23", end: "2026-03-29", from: "2026-03-22T23:00:00.000Z", until: "2026-03-29T22:00:00.000Z" });
  });

  it("begin a period at 01:00 local where summer time skips midnight", () => {
    const santiagoDay = sprint({ sprintDays: 1, timeZone: "America/Santiago" });
    const before = periodOfDay("2022-09-10", santiagoDay);
    const skipped = periodOfDay("2022-09-11", santiagoDay);
    expect([before.from, before.until]).toEqual(["2022-09-10T04:00:00.000Z", "2022-09-11T04:00:00.000Z"]);
    expect([skipped.from, skipped.until]).toEqual(["2022-09-11T04:00:00.000Z", "2022-09-12T03:00:00.000Z"]);
    // 23:59:59 on the Saturday, still at −04, is in the Saturday; 01:00 (−03) is the Sunday.
    expect(containsInstant(before, "2022-09-11T03:59:59.999Z")).toBe(true);
    expect(containsInstant(skipped, "2022-09-11T04:00:00Z")).toBe(true);
    expect(containsInstant(skipped, "2022-09-11T01:00:00-03:00")).toBe(true);
  });

  it("leave the periods of a skipped day empty and the month around it whole", () => {
    const apiaDay = sprint({ sprintDays: 1, timeZone: "Pacific/Apia" });
    const skipped = periodOfDay("2011-12-30", apiaDay);
    expect(skipped.from).toBe(skipped.until);
    expect(periodAt(new Date("2011-12-30T10:00:00Z"), apiaDay).start).toBe("2011-12-31");
    const december = periodOfDay("2011-12-30", rules("month", { timeZone: "Pacific/Apia" }));
    expect(containsInstant(december, "2011-12-30T09:59:59Z")).toBe(true);
    expect(containsInstant(december, "2011-12-30T10:00:00Z")).toBe(true);
  });
});

describe("boundaries", () => {
  const week = periodOfDay("2026-07-01", rules("iso-week", { timeZone: "Europe/Berlin" }));

  it("is the week of 2026-06-29 in Berlin", () => {
    expect(week).toEqual({ start: "2026-06-29", end: "2026-07-05", from: "2026-06-28T22:00:00.000Z", until: "2026-07-05T22:00:00.000Z" });
  });

  it("include `from` and exclude `until`", () => {
    expect(containsInstant(week, week.from)).toBe(true);
    expect(containsInstant(week, new Date(week.from))).toBe(true);
    expect(containsInstant(week, "2026-06-28T21:59:59.999Z")).toBe(false);
    expect(containsInstant(week, "2026-07-05T21:59:59.999Z")).toBe(true);
    expect(containsInstant(week, new Date(Date.parse(week.until) - 1))).toBe(true);
    expect(containsInstant(week, week.until)).toBe(false);
    expect(containsInstant(week, new Date(week.until))).toBe(false);
  });

  it("count the last local millisecond of the end day in, local midnight after it out", () => {
    expect(containsInstant(week, "2026-07-05T23:59:59.999+02:00")).toBe(true);
    expect(containsInstant(week, "2026-07-06T00:00:00+02:00")).toBe(false);
    expect(containsInstant(week, "2026-06-29T00:00+02:00")).toBe(true);
    expect(containsInstant(week, "2026-06-28T23:59:59+02:00")).toBe(false);
  });

  it("cut digits beyond milliseconds off instead of rounding into the next period", () => {
    expect(containsInstant(week, "2026-07-05T21:59:59.9999999Z")).toBe(true);
  });

  it("refuse instants without an offset or with impossible fields", () => {
    // Without an offset, the reading would depend on the machine's time zone.
    expect(() => containsInstant(week, "2026-07-01T12:00:00")).toThrow(/"2026-07-01T12:00:00"/);
    expect(() => containsInstant(week, "2026-02-30T12:00:00Z")).toThrow(/"2026-02-30T12:00:00Z"/);
    expect(() => containsInstant(week, "2026-07-01T24:00:00Z")).toThrow(/ISO-8601/);
    expect(() => containsInstant(week, "2026-07-01")).toThrow(/ISO-8601/);
    expect(() => containsInstant(week, "yesterday")).toThrow(/"yesterday"/);
    expect(() => containsInstant(week, new Date(Number.NaN))).toThrow(/valid Date/);
  });

  it("make a period complete once `until` has come", () => {
    expect(isComplete(week, new Date(week.until))).toBe(true);
    expect(isComplete(week, new Date(Date.parse(week.until) + 1))).toBe(true);
    expect(isComplete(week, new Date(Date.parse(week.until) - 1))).toBe(false);
    expect(isComplete(week, new Date(week.from))).toBe(false);
  });
});

describe("neighbours", () => {
  const allRules: [string, PeriodRules][] = [
    ["sprint", sprint({ timeZone: "Europe/Berlin" })],
    ["iso-week", rules("iso-week", { timeZone: "America/Los_Angeles" })],
    ["month", rules("month", { timeZone: "Asia/Kathmandu" })],
  ];

  it.each(allRules)("%s: previous and next round-trip", (_, periodRules) => {
    const period = periodOfDay("2026-03-29", periodRules);
    expect(nextPeriod(previousPeriod(period, periodRules), periodRules)).toEqual(period);
    expect(previousPeriod(nextPeriod(period, periodRules), periodRules)).toEqual(period);
    expect(previousPeriod(period, periodRules).until).toBe(period.from);
    expect(nextPeriod(period, periodRules).from).toBe(period.until);
  });

  it("previous of the sprint 2026-06-29..07-12 is 2026-06-15..06-28", () => {
    const period = periodOfDay("2026-07-01", sprint());
    expect(days(previousPeriod(period, sprint()))).toEqual(["2026-06-15", "2026-06-28"]);
    expect(days(nextPeriod(period, sprint()))).toEqual(["2026-07-13", "2026-07-26"]);
  });

  it.each(allRules)("%s: six periods ending with one are contiguous, oldest first", (_, periodRules) => {
    const last = periodOfDay("2026-01-10", periodRules);
    const trend = periodsEndingWith(last, 6, periodRules);
    expect(trend).toHaveLength(6);
    expect(trend[5]).toEqual(last);
    for (let index = 1; index < trend.length; index++) {
      const earlier = trend[index - 1] as Period;
      const later = trend[index] as Period;
      expect(earlier.until).toBe(later.from);
      expect(addDays(earlier.end, 1)).toBe(later.start);
    }
  });

  it("gives the month trend across a year boundary", () => {
    const month = rules("month");
    const trend = periodsEndingWith(periodOfDay("2026-02-14", month), 6, month);
    expect(trend.map((period) => period.start)).toEqual(["2025-09-01", "2025-10-01", "2025-11-01", "2025-12-01", "2026-01-01", "2026-02-01"]);
  });

  it("handles counts of 1 and 0 and refuses others", () => {
    const period = periodOfDay("2026-02-14", sprint());
    expect(periodsEndingWith(period, 1, sprint())).toEqual([period]);
    expect(periodsEndingWith(period, 0, sprint())).toEqual([]);
    expect(() => periodsEndingWith(period, -1, sprint())).toThrow(/-1/);
    expect(() => periodsEndingWith(period, 2.5, sprint())).toThrow(/2\.5/);
  });
});

describe("resolvePeriod", () => {
  const berlinWeek = rules("iso-week", { timeZone: "Europe/Berlin" });
  // Sunday 23:30 UTC: already Monday 01:30 in Berlin.
  const now = new Date("2026-07-05T23:30:00Z");

  it("current is the period containing now in the zone", () => {
    expect(days(resolvePeriod("current", now, berlinWeek))).toEqual(["2026-07-06", "2026-07-12"]);
    expect(isComplete(resolvePeriod("current", now, berlinWeek), now)).toBe(false);
  });

  it("previous is the last complete period", () => {
    const previous = resolvePeriod("previous", now, berlinWeek);
    expect(days(previous)).toEqual(["2026-06-29", "2026-07-05"]);
    expect(isComplete(previous, now)).toBe(true);
    expect(days(resolvePeriod("previous", now, rules("iso-week", { timeZone: "America/Los_Angeles" })))).toEqual(["2026-06-22", "2026-06-28"]);
  });

  it("{day} is the period containing that day, whenever now is", () => {
    expect(days(resolvePeriod({ day: "2026-02-10" }, now, rules("month")))).toEqual(["2026-02-01", "2026-02-28"]);
    expect(days(resolvePeriod({ day: "2026-06-27" }, now, sprint()))).toEqual(["2026-06-15", "2026-06-28"]);
    expect(() => resolvePeriod({ day: "2026-02-30" }, now, rules("month"))).toThrow(/"2026-02-30"/);
  });

  it("refuses a selector it does not know", () => {
    expect(() => resolvePeriod("last" as "current", now, rules("month"))).toThrow(/"last"/);
  });
});

describe("invalid rules", () => {
  it("name the bad value", () => {
    expect(() => periodOfDay("2026-06-27", sprint({ sprintDays: 0 }))).toThrow(/sprint length 0/);
    expect(() => periodOfDay("2026-06-27", sprint({ sprintDays: -14 }))).toThrow(/sprint length -14/);
    expect(() => periodOfDay("2026-06-27", sprint({ sprintDays: 1.5 }))).toThrow(/sprint length 1\.5/);
    expect(() => periodOfDay("2026-06-27", sprint({ sprintDays: Number.NaN }))).toThrow(/sprint length NaN/);
    expect(() => periodOfDay("2026-06-27", sprint({ sprintStart: "2026-06-30" }))).toThrow(/"2026-06-30".*Monday/);
    expect(() => periodOfDay("2026-06-27", sprint({ sprintStart: "2026-02-30" }))).toThrow(/sprint start "2026-02-30"/);
    expect(() => periodOfDay("2026-06-27", sprint({ timeZone: "Mars/Base" }))).toThrow(/"Mars\/Base"/);
    expect(() => periodOfDay("2026-06-31", sprint())).toThrow(/day "2026-06-31"/);
    expect(() => periodOfDay("2026-06-27", { ...sprint(), kind: "quarter" as PeriodKind })).toThrow(/"quarter"/);
    expect(() => periodAt(new Date(Number.NaN), sprint())).toThrow(/valid Date/);
  });

  it("ignore the sprint fields for weeks and months", () => {
    const unused = { sprintDays: 0, sprintStart: "not a day" };
    expect(days(periodOfDay("2026-06-27", rules("iso-week", unused)))).toEqual(["2026-06-22", "2026-06-28"]);
    expect(days(periodOfDay("2026-06-27", rules("month", unused)))).toEqual(["2026-06-01", "2026-06-30"]);
  });
});

describe("words", () => {
  it("names the kinds", () => {
    expect(periodName("sprint")).toBe("sprint");
    expect(periodName("iso-week")).toBe("week");
    expect(periodName("month")).toBe("month");
  });
});

// Zones with every kind of oddity: DST on either hemisphere, half-hour and 45-minute offsets, a
// half-hour DST shift, DST that skips or repeats midnight, ±14/−11, and whole skipped days
// (Kiritimati 1994-12-31, Apia 2011-12-30).
const ZONES = [
  "UTC",
  "Europe/Berlin",
  "America/Los_Angeles",
  "America/St_Johns",
  "America/Santiago",
  "America/Havana",
  "America/Sao_Paulo",
  "Asia/Beirut",
  "Asia/Kolkata",
  "Asia/Kathmandu",
  "Asia/Tehran",
  "Australia/Lord_Howe",
  "Pacific/Chatham",
  "Pacific/Kiritimati",
  "Pacific/Pago_Pago",
  "Pacific/Apia",
  "Africa/Casablanca",
  "Europe/Moscow",
];

/** The first day on or after `day` (or on or before, going back) that the zone did not skip. */
function existingDay(day: string, zone: string, step: 1 | -1): string {
  const skipped: Record<string, string[]> = { "Pacific/Kiritimati": ["1994-12-31"], "Pacific/Apia": ["2011-12-30"] };
  let candidate = day;
  while (skipped[zone]?.includes(candidate)) candidate = addDays(candidate, step);
  return candidate;
}

describe("properties over instants 1990–2060 in many zones", () => {
  const instants = fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2060, 11, 31, 23, 59, 59, 999) });
  const periodRules = fc.record({
    kind: fc.constantFrom<PeriodKind>("sprint", "iso-week", "month"),
    sprintDays: fc.integer({ min: 1, max: 42 }),
    sprintStart: fc.integer({ min: -1500, max: 3000 }).map((weeks) => addDays(DEFAULT_ANCHOR, weeks * 7)),
    timeZone: fc.constantFrom(...ZONES),
  });

  it("the period at an instant contains it, tiles with its neighbours and agrees with local days", () => {
    fc.assert(
      fc.property(instants, periodRules, (ms, periodRules) => {
        const instant = new Date(ms);
        const period = periodAt(instant, periodRules);
        expect(containsInstant(period, instant)).toBe(true);
        expect(containsInstant(period, instant.toISOString())).toBe(true);

        const day = oracleDay(ms, periodRules.timeZone);
        expect(period.start <= day && day <= period.end).toBe(true);

        const from = Date.parse(period.from);
        const until = Date.parse(period.until);
        expect(oracleDay(from, periodRules.timeZone)).toBe(existingDay(period.start, periodRules.timeZone, 1));
        expect(oracleDay(until - 1, periodRules.timeZone)).toBe(existingDay(period.end, periodRules.timeZone, -1));
        expect(oracleDay(from - 1, periodRules.timeZone) < period.start).toBe(true);
        expect(oracleDay(until, periodRules.timeZone) > period.end).toBe(true);

        const previous = previousPeriod(period, periodRules);
        const next = nextPeriod(period, periodRules);
        expect(previous.until).toBe(period.from);
        expect(next.from).toBe(period.until);
        expect(addDays(previous.end, 1)).toBe(period.start);
        expect(addDays(period.end, 1)).toBe(next.start);
        expect(periodOfDay(period.start, periodRules)).toEqual(period);
        expect(periodOfDay(period.end, periodRules)).toEqual(period);
      }),
      { numRuns: 400 },
    );
  });
});

describe("purity", () => {
  it("never reads the clock or the environment", () => {
    const source = readFileSync(new URL("../../src/core/report/period.ts", import.meta.url), "utf8");
    expect(source).not.toMatch(/Date\.now|new Date\(\)|performance\.|process\./);
  });
});
