import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { corruptDataset, corruptionKindsOf } from "../../src/domain/data/generate/corruption/corrupt-dataset";
import { writeCorruptedCsv } from "../../src/domain/data/generate/corruption/write-corrupted-csv";
import { seedInteractions, seedMetadata } from "../../src/domain/data/generate/seed-datasets";
import { writeDataset } from "../../src/domain/data/generate/write-dataset";
import { ingestInteractions } from "../../src/domain/data/ingest/ingest-interactions";
import { ingestMetadata } from "../../src/domain/data/ingest/ingest-metadata";
import { runGenerateJob } from "../../src/jobs/generate-job";
import { useSpark, useTempDir } from "../support/spark";
import { INTERACTIONS, METADATA } from "../../src/domain/data/schemas";

const RULES = { earliest: "2000-01-01", latest: "2030-01-01" };
const SEED = 4242;
/** 1% of the rows in each kind: one row of each kind in every 100 row ids. */
const FRACTION = 0.01;
/** Ingestion writes a folder per event day: slow on a busy two-core machine. */
const INGEST_TIMEOUT_MS = 400_000;

const spark = useSpark();
const root = useTempDir("insights-corruption-");

/** The part files of a Spark output folder, in part order, as bytes. */
function partFiles(dir: string): Buffer[] {
  return readdirSync(dir)
    .filter((name) => name.startsWith("part-"))
    .sort()
    .map((name) => readFileSync(join(dir, name)));
}

/** Splits a file's bytes into lines on CRLF; fails on a bare LF or a missing final CRLF. */
function crlfLines(file: Buffer): Buffer[] {
  const lines: Buffer[] = [];
  let start = 0;
  for (let i = 0; i < file.length; i++) {
    if (file[i] !== 0x0a) continue;
    expect(file[i - 1], "every line ends in CRLF").toBe(0x0d);
    lines.push(file.subarray(start, i - 1));
    start = i + 1;
  }
  expect(start, "the file ends with a line end").toBe(file.length);
  return lines;
}

const utf8 = new TextDecoder("utf-8", { fatal: true });
const isUtf8 = (bytes: Buffer): boolean => {
  try {
    utf8.decode(bytes);
    return true;
  } catch {
    return false;
  }
};

describe.each([
  { dataset: "interactions", rows: 10_000, header: INTERACTIONS.csvHeader, generate: seedInteractions, ingest: ingestInteractions },
  { dataset: "metadata", rows: 5_000, header: METADATA.csvHeader, generate: seedMetadata, ingest: ingestMetadata },
] as const)("corrupted $dataset", ({ dataset, rows, header, generate, ingest }) => {
  const kinds = corruptionKindsOf(dataset);
  // Hand-computed: the rows fill whole periods of 100 ids, so each kind has rows / 100.
  const perKind = rows / 100;
  const input = (): string => join(root, dataset, "corrupted");

  it(
    "records exactly fraction × rows of each kind, and ingestion quarantines exactly those, each for its reason",
    async () => {
      const corrupted = corruptDataset(generate(spark, rows, SEED, { keepRowId: true }), dataset, FRACTION, rows);
      expect(corrupted.counts).toEqual(Object.fromEntries(kinds.map((k) => [k.name, perKind])));
      expect(corrupted.generatedRows).toBe(rows);
      expect(corrupted.totalRows).toBe(rows + perKind); // one copy per exact_duplicate row
      await writeCorruptedCsv(corrupted.rows, input());

      const counts = await ingest(spark, {
        ...RULES,
        input: input(),
        format: "csv",
        validPath: join(root, dataset, "valid"),
        quarantinePath: join(root, dataset, "quarantine"),
      });
      // Every kind produces its own reason (no two kinds share one), so the maps must match exactly.
      expect(new Set(kinds.map((k) => k.reason)).size).toBe(kinds.length);
      expect(counts.byReason).toEqual(Object.fromEntries(kinds.map((k) => [k.reason, corrupted.counts[k.name]])));
      expect(counts.read).toBe(corrupted.totalRows);
      expect(counts.valid + counts.quarantined).toBe(counts.read);
      // Every kind but the duplicate damages its row; a duplicate's original stays valid.
      expect(counts.valid).toBe(rows - (kinds.length - 1) * perKind);
    },
    INGEST_TIMEOUT_MS,
  );

  it("writes the brief's header, CRLF lines, and invalid UTF-8 bytes only in the invalid_utf8 rows", () => {
    const files = partFiles(input());
    expect(files.length).toBeGreaterThan(0);
    let data: Buffer[] = [];
    for (const file of files) {
      const [first, ...rest] = crlfLines(file);
      expect(first?.toString("latin1")).toBe(header);
      data = data.concat(rest);
    }
    expect(data).toHaveLength(rows + perKind);
    const invalid = data.filter((line) => !isUtf8(line));
    expect(invalid).toHaveLength(perKind);
    // 0xE9: the Latin-1 "é", one byte, a UTF-8 lead byte with no continuation after it.
    for (const line of invalid) expect(line.includes(0xe9)).toBe(true);
    // The only lines with a field too few are the wrong_column_count ones (no value holds a comma).
    const fields = header.split(",").length;
    expect(data.filter((line) => line.toString("latin1").split(",").length !== fields)).toHaveLength(perKind);
  });

  it("is deterministic: the same seed writes the same bytes", async () => {
    const again = join(root, dataset, "again");
    await writeCorruptedCsv(corruptDataset(generate(spark, rows, SEED, { keepRowId: true }), dataset, FRACTION, rows).rows, again);
    expect(Buffer.concat(partFiles(again))).toEqual(Buffer.concat(partFiles(input())));
  });
});

describe("corruption at fraction 0", () => {
  it("writes the clean writer's bytes, whatever the session's time zone", async () => {
    const rows = 2_000;
    const previous = await spark.conf.get("spark.sql.session.timeZone");
    await spark.conf.set("spark.sql.session.timeZone", "America/New_York");
    try {
      for (const [name, generate] of [
        ["interactions", seedInteractions],
        ["metadata", seedMetadata],
      ] as const) {
        const clean = join(root, "zero", name, "clean");
        const lines = join(root, "zero", name, "lines");
        await writeDataset(generate(spark, rows, SEED), clean, { format: "csv", singleFile: true });
        await writeCorruptedCsv(corruptDataset(generate(spark, rows, SEED, { keepRowId: true }), name, 0, rows).rows, lines, { singleFile: true });
        expect(Buffer.concat(partFiles(lines))).toEqual(Buffer.concat(partFiles(clean)));
      }
    } finally {
      await spark.conf.set("spark.sql.session.timeZone", previous);
    }
  });
});

describe("insights generate --corrupt on realistic data", () => {
  it(
    "records counts that ingestion reproduces exactly, with metadata ids that are not contiguous",
    async () => {
      const outDir = join(root, "realistic");
      const result = await runGenerateJob(spark, {
        mode: "realistic",
        interactions: 20_000,
        metadata: 0,
        seed: SEED,
        format: "csv",
        outDir,
        corruption: FRACTION,
      });
      const recorded = JSON.parse(readFileSync(join(outDir, "corruption.json"), "utf8")) as {
        fractionPerKind: number;
        interactions: { rows: number; corrupted: Record<string, number> };
        metadata: { rows: number; corrupted: Record<string, number> };
      };
      expect(recorded.fractionPerKind).toBe(FRACTION);
      // 20,000 contiguous interaction ids: 200 of each kind, by hand.
      expect(recorded.interactions.corrupted).toEqual(Object.fromEntries(corruptionKindsOf("interactions").map((k) => [k.name, 200])));

      for (const [dataset, ingest] of [
        ["interactions", ingestInteractions],
        ["metadata", ingestMetadata],
      ] as const) {
        const written = recorded[dataset];
        expect(written.rows).toBe(result[dataset].rows);
        const counts = await ingest(spark, {
          ...RULES,
          input: result[dataset].path,
          validPath: join(outDir, "valid", dataset),
          quarantinePath: join(outDir, "quarantine", dataset),
        });
        expect(counts.read).toBe(written.rows);
        expect(counts.byReason).toEqual(Object.fromEntries(corruptionKindsOf(dataset).map((k) => [k.reason, written.corrupted[k.name]])));
      }
      // About 1% of the metadata rows per kind: the orphans' gaps in the ids change it only slightly.
      const metadataKinds = Object.values(recorded.metadata.corrupted);
      for (const n of metadataKinds) expect(Math.abs(n / (result.metadata.rows / (1 + FRACTION)) - FRACTION)).toBeLessThan(0.004);
    },
    2 * INGEST_TIMEOUT_MS,
  );
});
