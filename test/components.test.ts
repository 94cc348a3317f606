/** Pure page helpers from src/components that need no DOM. */
import { describe, expect, it } from "vitest";
// @ts-expect-error: a plain JS module of the site
import { int } from "../src/components/format.js";

describe("int (counts without Intl)", () => {
  it("groups thousands like toLocaleString('en-US') and rounds", () => {
    for (const v of [0, 7, 999, 1000, 12345, 130944, 1234567, -1234567, 999999.5, 16384.4])
      expect(int(v)).toBe(Math.round(v).toLocaleString("en-US"));
    expect(int(-0.4)).toBe("0");
  });
  it("writes a dash for missing values", () => {
    for (const v of [null, undefined, NaN, Infinity]) expect(int(v)).toBe("—");
  });
});
