import { describe, expect, it } from "vitest";
import { defaultDetectorOptions } from "../../src/domain/analyses/anomalies/detector";
import { DEFAULT_ACTIVE_USERS, DEFAULT_POWER_USERS, DEFAULT_RETENTION, DEFAULT_SESSIONS } from "../../src/domain/analyses/definitions";
import { DEFAULT_PERCENTILES } from "../../src/domain/analyses/performance/p95-options";
import { definition, DEFINITION_IDS, headingId, parseDefinitions } from "../../src/report/definitions";

describe("definitions", () => {
  it("anchors headings as GitHub does", () => {
    expect(headingId("Active users")).toBe("active-users");
    expect(headingId("p95 per version")).toBe("p95-per-version");
    expect(headingId("Near-real-time p95")).toBe("near-real-time-p95");
  });

  it("reads each section's text, lines joined, up to the next section", () => {
    const sections = parseDefinitions("# Title\n\nintro\n\n## First one\n\nline a\nline b\n\n## Second\ntext\n");
    expect([...sections.entries()]).toEqual([
      ["first-one", "line a line b"],
      ["second", "text"],
    ]);
  });

  it("has every definition the notebooks show", () => {
    for (const id of DEFINITION_IDS) expect(definition(id).length, id).toBeGreaterThan(100);
  });

  it("states the defaults the code runs with", () => {
    const minutes = (ms: number): string => `${ms / 60_000} minutes`;
    expect(definition("active-users")).toContain(`${DEFAULT_ACTIVE_USERS.days} days`);
    expect(definition("active-users")).toContain(`the ${DEFAULT_ACTIVE_USERS.wauDays} and ${DEFAULT_ACTIVE_USERS.mauDays} days`);
    expect(definition("power-users")).toContain(`capped at ${minutes(DEFAULT_POWER_USERS.capMs)}`);
    expect(definition("power-users")).toContain(`top ${DEFAULT_POWER_USERS.percent}%`);
    expect(definition("power-users")).toContain(`above ${DEFAULT_POWER_USERS.outlierZ}`);
    expect(definition("retention")).toContain(`the ${DEFAULT_RETENTION.cohorts} weekly cohorts`);
    expect(definition("sessions")).toContain(`more than ${minutes(DEFAULT_SESSIONS.inactivityGapMs)}`);
    expect(definition("sessions")).toContain(`longer than ${DEFAULT_SESSIONS.maxSessionMs / 3_600_000} hours`);
    expect(definition("p95-per-version")).toContain(`accuracy ${DEFAULT_PERCENTILES.accuracy.toLocaleString("en-US")}`);
    expect(definition("p95-per-version")).toContain(`fewer than ${DEFAULT_PERCENTILES.minEvents} page loads`);
    const detector = defaultDetectorOptions("daily");
    expect(definition("anomalies")).toContain(`over the ${detector.window} residuals`);
    expect(definition("anomalies")).toContain(`exceeds ${detector.threshold} in absolute value`);
    expect(definition("anomalies")).toContain(`reaches ${detector.minCount} users' worth`);
  });
});
