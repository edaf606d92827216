import { describe, expect, it } from "vitest";
import { dateInZone, daysBetween, isCalendarDate, isTimeZone, nextMidnight } from "../../widget/time";

const at = Date.parse;

describe("calendar helpers", () => {
  it("reads one instant as each zone's own date", () => {
    const instant = at("2020-10-25T00:06:00Z");
    expect(dateInZone(instant, "Europe/London")).toBe("2020-10-25");
    expect(dateInZone(instant, "America/New_York")).toBe("2020-10-24");
    // UTC+14 and UTC-11 are a calendar day apart and more.
    expect(dateInZone(at("2021-06-01T11:30:00Z"), "Pacific/Kiritimati")).toBe("2021-06-02");
    expect(dateInZone(at("2021-06-01T11:30:00Z"), "Pacific/Pago_Pago")).toBe("2021-06-01");
  });

  it("counts whole calendar days, across 29 February", () => {
    expect(daysBetween("2018-03-04", "2020-10-25")).toBe(966);
    expect(daysBetween("2020-02-28", "2020-03-01")).toBe(2);
    expect(daysBetween("2021-02-28", "2021-03-01")).toBe(1);
    expect(daysBetween("2020-10-26", "2020-10-25")).toBe(-1);
  });

  it("finds the next midnight on days that are 23 and 25 hours long", () => {
    // London leaves summer time at 01:00 UTC on 25 October 2020: that day lasts 25 hours.
    expect(new Date(nextMidnight(at("2020-10-25T00:06:00Z"), "Europe/London")).toISOString()).toBe(
      "2020-10-26T00:00:00.000Z",
    );
    expect(new Date(nextMidnight(at("2020-10-24T12:00:00Z"), "Europe/London")).toISOString()).toBe(
      "2020-10-24T23:00:00.000Z",
    );
    expect(new Date(nextMidnight(at("2020-03-28T12:00:00Z"), "Europe/London")).toISOString()).toBe(
      "2020-03-29T00:00:00.000Z",
    );
    expect(new Date(nextMidnight(at("2020-10-25T00:06:00Z"), "Europe/Moscow")).toISOString()).toBe(
      "2020-10-25T21:00:00.000Z",
    );
  });

  it("finds the day's start in a zone that skips midnight", () => {
    // Santiago springs forward at 24:00 on 5 September 2020: the day begins at 01:00.
    const start = nextMidnight(at("2020-09-05T12:00:00Z"), "America/Santiago");
    expect(new Date(start).toISOString()).toBe("2020-09-06T04:00:00.000Z");
    expect(dateInZone(start - 1000, "America/Santiago")).toBe("2020-09-05");
  });

  it("accepts IANA zone names and real dates only", () => {
    expect(isTimeZone("Europe/London")).toBe(true);
    expect(isTimeZone("UTC")).toBe(true);
    expect(isTimeZone("+03:00")).toBe(false);
    expect(isTimeZone("Mars/Olympus")).toBe(false);
    expect(isCalendarDate("2020-02-29")).toBe(true);
    expect(isCalendarDate("2021-02-29")).toBe(false);
    expect(isCalendarDate("2021-2-9")).toBe(false);
  });
});
