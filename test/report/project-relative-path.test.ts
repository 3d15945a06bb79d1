import { describe, expect, it } from "vitest";
import { projectRelativePath } from "../../src/report/manifest/project-relative-path";

describe("projectRelativePath", () => {
  it("writes a path inside the project relative to its root", () => {
    expect(projectRelativePath("/home/ana/insights/.insights/report/run/data", "/home/ana/insights")).toBe(".insights/report/run/data");
  });

  it("keeps a path outside the project, or a sibling sharing its prefix, as given", () => {
    expect(projectRelativePath("/data/events.csv", "/home/ana/insights")).toBe("/data/events.csv");
    expect(projectRelativePath("/home/ana/insights-old/x.csv", "/home/ana/insights")).toBe("/home/ana/insights-old/x.csv");
    expect(projectRelativePath("/home/ana/insights", "/home/ana/insights")).toBe("/home/ana/insights");
  });
});
