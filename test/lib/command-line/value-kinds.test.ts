import { describe, expect, it } from "vitest";
import { commaList, date, integer, keyValue, oneOf, share, text, valueKind } from "../../../src/lib/command-line/value-kinds";

describe("value kinds", () => {
  it("reads non-negative integers, digits grouped by _ or not, and rejects the rest", () => {
    const kind = integer();
    expect(kind.parse("0")).toBe(0);
    expect(kind.parse("1_000_000")).toBe(1_000_000);
    for (const bad of ["", " ", "-1", "1.5", "x", "9007199254740993"]) expect(kind.parse(bad)).toBeUndefined();
    expect(kind.expects).toBe("a non-negative integer");
    expect(kind.format(1_000_000)).toBe("1,000,000");
  });

  it("reads integers from a minimum", () => {
    const kind = integer(1);
    expect(kind.parse("1")).toBe(1);
    expect(kind.parse("0")).toBeUndefined();
    expect(kind.expects).toBe("an integer of at least 1");
  });

  it("reads shares in [0, 1)", () => {
    expect(share.parse("0")).toBe(0);
    expect(share.parse("0.25")).toBe(0.25);
    expect(share.parse("1e-6")).toBe(1e-6);
    for (const bad of ["", "1", "-0.1", "half"]) expect(share.parse(bad)).toBeUndefined();
  });

  it("reads dates that exist, as YYYY-MM-DD", () => {
    expect(date.parse("2024-02-29")).toBe("2024-02-29");
    for (const bad of ["2023-02-29", "2023-13-01", "2023-1-01", "20230101", "2023-01-01T00:00"]) expect(date.parse(bad)).toBeUndefined();
  });

  it("reads one of a list, typed as the list's words", () => {
    const kind = oneOf(["seed", "realistic"]);
    const mode: "seed" | "realistic" | undefined = kind.parse("seed");
    expect(mode).toBe("seed");
    expect(kind.parse("Seed")).toBeUndefined();
    expect(kind.placeholder).toBe("seed|realistic");
    expect(kind.expects).toBe("one of seed, realistic");
  });

  it("splits key=value at the first =, the value possibly empty", () => {
    expect(keyValue.parse("spark.a=b=c")).toEqual(["spark.a", "b=c"]);
    expect(keyValue.parse("k=")).toEqual(["k", ""]);
    expect(keyValue.parse("=v")).toBeUndefined();
    expect(keyValue.parse("k")).toBeUndefined();
  });

  it("reads comma lists of known names, spaces and empty items ignored", () => {
    const kind = commaList(["dau", "mau", "p95"]);
    expect(kind.parse("p95, dau,")).toEqual(["p95", "dau"]);
    expect(kind.parse("dau,wau")).toBeUndefined();
    expect(kind.parse(" , ")).toBeUndefined();
    expect(kind.expects).toBe("a comma-separated list of dau, mau, p95");
  });

  it("takes any text as it is, and kinds of one's own", () => {
    expect(text.parse(" a b ")).toBe(" a b ");
    const even = valueKind("an even number", "N", (value) => (Number(value) % 2 === 0 ? Number(value) : undefined));
    expect(even.parse("4")).toBe(4);
    expect(even.parse("3")).toBeUndefined();
  });
});
