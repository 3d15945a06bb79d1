import { describe, expect, it } from "vitest";
import { codeBlock, inlineCode, tableCell } from "../../../src/lib/text/markdown";

describe("markdown building blocks", () => {
  it("fences a code block longer than any backtick run inside", () => {
    expect(codeBlock("a\n")).toBe("```text\na\n```");
    expect(codeBlock("x ```` y", "sql")).toBe("`````sql\nx ```` y\n`````");
  });

  it("keeps inline code closed around backticks", () => {
    expect(inlineCode("u000001")).toBe("`u000001`");
    expect(inlineCode("a`b")).toBe("``a`b``");
    expect(inlineCode("`x")).toBe("`` `x ``");
  });

  it("keeps a table cell one cell on one line", () => {
    expect(tableCell("a|b\nc")).toBe("a\\|b c");
    expect(tableCell("back\\slash")).toBe("back\\\\slash");
  });
});
