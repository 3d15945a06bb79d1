import { describe, expect, it } from "vitest";
import { csvField, toCsv } from "../../../src/lib/text/csv";

describe("metric CSV writing", () => {
  it("quotes a field with a comma, a quote or a line break, doubling quotes", () => {
    expect(csvField("a,b")).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField("two\nlines")).toBe('"two\nlines"');
    expect(csvField("cr\rlf")).toBe('"cr\rlf"');
    expect(csvField("plain")).toBe("plain");
  });

  it('tells null (empty field) from the empty string ("") and spells numbers and booleans plainly', () => {
    expect(csvField(null)).toBe("");
    expect(csvField("")).toBe('""');
    expect(csvField(0.75)).toBe("0.75");
    expect(csvField(12n)).toBe("12");
    expect(csvField(false)).toBe("false");
    expect(csvField(Number.POSITIVE_INFINITY)).toBe("Infinity");
  });

  it("writes a header and one line per row in the columns' order, whatever the rows' key order", () => {
    const csv = toCsv(
      ["name", "note", "n"],
      [
        { n: 1, name: "x", note: 'a "b", c' },
        { note: null, name: "y\nz", n: 2.5 },
      ],
    );
    expect(csv).toBe('name,note,n\nx,"a ""b"", c",1\n"y\nz",,2.5\n');
  });

  it("refuses a missing column and a value with no CSV spelling", () => {
    expect(() => toCsv(["a", "b"], [{ a: 1 }])).toThrow(/no column 'b'/);
    expect(() => toCsv(["a"], [{ a: new Date(0) }])).toThrow(TypeError);
    expect(() => toCsv(["a"], [{ a: [1, 2] }])).toThrow(TypeError);
  });

  it("writes only the header for no rows", () => {
    expect(toCsv(["a", "b"], [])).toBe("a,b\n");
  });
});
