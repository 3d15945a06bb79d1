import { describe, expect, it } from "vitest";
import { formatBytes, formatCount, formatMiB, formatMs, formatNumber, formatPercent, formatSeconds, round } from "../../../src/lib/text/format";

describe("format", () => {
  it("groups thousands and fixes decimals", () => {
    expect(formatCount(1_234_567)).toBe("1,234,567");
    expect(formatCount(12n ** 20n)).toBe("3,833,759,992,447,475,122,176");
    expect(formatCount(999.6)).toBe("1,000");
    expect(formatNumber(149_968.99043436866, 1)).toBe("149,969.0");
    expect(formatNumber(1.0000660043562875, 2)).toBe("1.00");
    expect(formatNumber(Number.NaN)).toBe("NaN");
  });

  it("percentages of fractions", () => {
    expect(formatPercent(0.0431)).toBe("4.3%");
    expect(formatPercent(1, 0)).toBe("100%");
    expect(formatPercent(0.000123, 3)).toBe("0.012%");
  });

  it("rounds half away from zero, as a number", () => {
    expect(round(84.04049636662073, 1)).toBe(84);
    expect(round(2.5)).toBe(3);
    expect(round(-2.5)).toBe(-3);
    expect(round(0.125, 2)).toBe(0.13);
  });

  it("sizes in the unit that reads best, or always in MiB", () => {
    expect(formatBytes(512)).toBe("512 B");
    expect(formatBytes(1536)).toBe("1.5 KiB");
    expect(formatBytes(28_730_982.4)).toBe("27.4 MiB");
    expect(formatBytes(1.5 * 2 ** 30)).toBe("1.50 GiB");
    expect(formatMiB(2 ** 30)).toBe("1,024.0 MiB");
    expect(formatMiB(2 ** 19, 2)).toBe("0.50 MiB");
  });

  it("durations", () => {
    expect(formatMs(850.4)).toBe("850 ms");
    expect(formatMs(12_400)).toBe("12.4 s");
    expect(formatMs(537_500)).toBe("9.0 min");
    expect(formatSeconds(1_234_500)).toBe("1,234.5 s");
  });
});
