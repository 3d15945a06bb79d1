import { Linter, type ESLint } from "eslint";
import { beforeAll, describe, expect, it } from "vitest";

// The rule is plain JavaScript (ESLint's config loads it as an ES module): imported dynamically here.
interface LayersModule {
  layerViolation(from: string, to: string): string | undefined;
  readonly layersPlugin: ESLint.Plugin;
}
let rule: LayersModule;
const check = (from: string, to: string): string | undefined => rule.layerViolation(from, to);
beforeAll(async () => {
  rule = await import("../../lint/layers.mjs");
});

describe("the layers lint rule", () => {
  it("lets an import point down or stay in its layer", () => {
    expect(check("src/jobs/join-job.ts", "src/domain/data/schemas")).toBeUndefined();
    expect(check("src/report/display.ts", "src/lib/text/table")).toBeUndefined();
    expect(check("src/lib/sparkui/capture.ts", "src/lib/text/format")).toBeUndefined();
    expect(check("src/domain/analyses/x.ts", "src/domain/analyses/common/utc-columns")).toBeUndefined();
    expect(check("src/cli/main.ts", "src/server/local-server")).toBeUndefined();
  });

  it("refuses an import that runs up a layer, naming both ends", () => {
    expect(check("src/domain/data/ingest/x.ts", "src/jobs/tuning/plan")).toMatch(
      /src\/domain\/data\/ingest\/x\.ts \(layer data\) imports src\/jobs\/tuning\/plan \(layer jobs\)/,
    );
    expect(check("src/connect/sql/x.ts", "src/lib/text/format")).toMatch(/layer connect.*layer text/);
    expect(check("src/domain/analyses/anomalies/x.ts", "src/domain/evaluation/anomaly-scoring")).toMatch(/layer evaluation/);
  });

  it("keeps the general libraries of one rank apart, and src away from tests", () => {
    expect(check("src/lib/text/x.ts", "src/lib/stats/descriptive")).toMatch(/not below it/);
    expect(check("src/jobs/x.ts", "test/support/spark")).toMatch(/outside src/);
    expect(check("test/jobs/x.test.ts", "src/cli/main")).toBeUndefined();
  });

  it("reports every kind of import statement in an ESLint run", () => {
    const linter = new Linter({ configType: "flat", cwd: "/repo" });
    const code = [
      'import { a } from "../../jobs/join-job";',
      'export { b } from "../../report/display";',
      'export * from "../../cli/main";',
      'const c = require("../../jobs/analyze-job");',
      'void import("../../report/table");',
      'import { ok } from "../../connect";',
      'import { fs } from "node:fs";',
    ].join("\n");
    const messages = linter.verify(
      code,
      {
        files: ["**/*.js"],
        plugins: { layers: rule.layersPlugin },
        rules: { "layers/no-upward-import": "error" },
        languageOptions: { sourceType: "module", ecmaVersion: 2022 },
      },
      "/repo/src/domain/data/file.js",
    );
    expect(messages.map((m) => m.line)).toEqual([1, 2, 3, 4, 5]);
  });
});
