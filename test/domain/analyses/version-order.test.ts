import { describe, expect, it } from "vitest";
import { compareVersions, parseVersion } from "../../../src/domain/analyses/performance/version-order";

describe("version order", () => {
  it("parses major.minor.patch and rejects anything else", () => {
    expect(parseVersion("5.7.3")).toEqual({ major: 5, minor: 7, patch: 3 });
    expect(parseVersion("10.0.12")).toEqual({ major: 10, minor: 0, patch: 12 });
    for (const bad of ["5.7", "5.7.3.1", "v5.7.3", "5.x.3", ""]) expect(() => parseVersion(bad)).toThrow(RangeError);
  });

  it("sorts numerically by major, minor, patch, prefixes first and non-versions last", () => {
    const shuffled = ["other", "5.10.0", "6", "5.9.9", "5.9", "5.9.10", "10.0.0", "5.9.0", "6.0.0", "beta"];
    expect([...shuffled].sort(compareVersions)).toEqual(["5.9", "5.9.0", "5.9.9", "5.9.10", "5.10.0", "6", "6.0.0", "10.0.0", "beta", "other"]);
    expect(compareVersions("6.2.0", "6.2.0")).toBe(0);
  });
});
