import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { detectInputFormat } from "../../../src/domain/data/ingest/raw-input";

const root = mkdtempSync(join(tmpdir(), "insights-detect-format-"));
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

function files(dir: string, names: readonly string[]): string {
  for (const name of names) {
    mkdirSync(join(dir, name, ".."), { recursive: true });
    writeFileSync(join(dir, name), "");
  }
  return dir;
}

describe("detectInputFormat", () => {
  it("sees Parquet in a Spark output folder, skipping its side files, also under partition folders", () => {
    expect(detectInputFormat(files(join(root, "flat"), ["_SUCCESS", ".part-0.snappy.parquet.crc", "part-0.snappy.parquet"]))).toBe("parquet");
    expect(detectInputFormat(files(join(root, "partitioned"), ["_SUCCESS", "event_date=2023-01-01/part-0.snappy.parquet"]))).toBe("parquet");
    expect(detectInputFormat(join(root, "flat", "part-0.snappy.parquet"))).toBe("parquet");
  });

  it("reads anything else as CSV, including paths this machine cannot list", () => {
    expect(detectInputFormat(files(join(root, "csv"), ["_SUCCESS", "part-0.csv"]))).toBe("csv");
    expect(detectInputFormat(files(join(root, "sample"), ["user_interactions_sample.csv"]) + "/user_interactions_sample.csv")).toBe("csv");
    expect(detectInputFormat(join(root, "does-not-exist"))).toBe("csv");
    expect(detectInputFormat(files(join(root, "empty"), ["_SUCCESS"]))).toBe("csv");
  });
});
