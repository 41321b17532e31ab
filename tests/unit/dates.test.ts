import { describe, expect, it } from "vitest";
import { formatDate, isCalendarDate } from "../../domain/dates";

describe("dates written for people", () => {
  it("write the first of the month as an ordinal in French, in word styles only", () => {
    expect(formatDate("2026-11-01", "fr")).toBe("1er nov. 2026");
    expect(formatDate("2026-11-01", "fr", { dateStyle: "long" })).toBe("1er novembre 2026");
    expect(formatDate("2026-11-01", "fr", { day: "numeric", month: "short" })).toBe("1er nov.");
    expect(formatDate("2026-11-01", "fr", { dateStyle: "short" })).toBe("01/11/2026");
  });
  it("leave other days and English alone", () => {
    expect(formatDate("2026-11-11", "fr")).toBe("11 nov. 2026");
    expect(formatDate("2026-11-21", "fr", { dateStyle: "long" })).toBe("21 novembre 2026");
    expect(formatDate("2026-11-01", "en")).toBe("Nov 1, 2026");
  });
  it("show times in Paris time, whatever the machine's zone", () => {
    // 23:30 UTC on 31 October is already 1 November, 00:30, in Paris (winter time).
    expect(formatDate(new Date("2026-10-31T23:30:00Z"), "fr", { dateStyle: "medium", timeStyle: "short" })).toBe(
      "1er nov. 2026, 00:30",
    );
  });
  it("still recognise calendar dates", () => {
    expect(isCalendarDate("2026-02-30")).toBe(false);
    expect(isCalendarDate("2026-11-01")).toBe(true);
  });
});
