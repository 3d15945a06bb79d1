import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { ingestInteractions } from "../domain/data/ingest/ingest-interactions";
import { ingestMetadata } from "../domain/data/ingest/ingest-metadata";
import { defaultPlausibleRange, interactionRules } from "../domain/data/ingest/interaction-rules";
import { metadataRules } from "../domain/data/ingest/metadata-rules";
import type { InputFormat } from "../domain/data/ingest/raw-input";
import { formatQualityTable } from "../domain/data/quality/format-quality-table";
import { qualitySummary } from "../domain/data/quality/quality-summary";
import { defineCommand } from "../lib/command-line/command";
import { date, oneOf } from "../lib/command-line/value-kinds";
import { openSpark } from "../server/spark-endpoint";

export const ingestCommand = defineCommand({
  name: "ingest",
  summary: "Validate the raw datasets into Parquet, with quarantined rows and a quality summary",
  description: `Validates the two raw datasets (CSV or Parquet) and writes DIR/interactions (Parquet by event
    date), DIR/metadata (Parquet by country), the rejected rows with their reason to
    DIR/quarantine/{interactions,metadata} and DIR/quality.json (every rule with its count); prints the
    quality table.

    Uses SPARK_REMOTE when set; otherwise starts an embedded Spark Connect server and stops it after.`,
  options: {
    interactions: { value: "PATH", required: true, description: "the raw interactions" },
    metadata: { value: "PATH", required: true, description: "the raw user metadata" },
    out: { value: "DIR", required: true, description: "where the valid rows, the quarantine and quality.json go" },
    batch: { value: "NAME", defaultText: "each input's path", description: "names this batch in quarantine and lineage; re-ingesting it replaces it" },
    format: {
      kind: oneOf(["csv", "parquet"] satisfies InputFormat[]),
      defaultText: "detected for each input: a .parquet file or a folder of them is parquet, anything else csv",
      description: "csv or parquet, for both inputs",
    },
    earliest: { kind: date, default: defaultPlausibleRange().earliest, description: "earliest plausible event time and join date" },
    latest: { kind: date, defaultText: "tomorrow, UTC", description: "latest plausible one, exclusive" },
  },
  async run({ values }) {
    const { batch, format } = values;
    // The server resolves relative paths against its own working directory: send absolute ones.
    const interactionsInput = resolve(values.interactions);
    const metadataInput = resolve(values.metadata);
    const outDir = resolve(values.out);
    // Tomorrow as of the run, not as of loading this module.
    const bounds = { earliest: values.earliest, latest: values.latest ?? defaultPlausibleRange().latest };
    const paths = {
      validInteractionsPath: join(outDir, "interactions"),
      validMetadataPath: join(outDir, "metadata"),
    };

    const endpoint = await openSpark();
    try {
      const spark = endpoint.spark;
      const interactions = await ingestInteractions(spark, {
        ...bounds,
        input: interactionsInput,
        validPath: paths.validInteractionsPath,
        quarantinePath: join(outDir, "quarantine", "interactions"),
        ...(batch !== undefined && { batch }),
        ...(format !== undefined && { format }),
      });
      const metadata = await ingestMetadata(spark, {
        ...bounds,
        input: metadataInput,
        validPath: paths.validMetadataPath,
        quarantinePath: join(outDir, "quarantine", "metadata"),
        ...(batch !== undefined && { batch }),
        ...(format !== undefined && { format }),
      });
      const summary = await qualitySummary(spark, {
        interactions: { counts: interactions, rules: interactionRules(bounds) },
        metadata: { counts: metadata, rules: metadataRules(bounds) },
        ...paths,
      });
      mkdirSync(outDir, { recursive: true });
      writeFileSync(join(outDir, "quality.json"), `${JSON.stringify(summary, null, 2)}\n`);
      console.log(formatQualityTable(summary));
    } finally {
      await endpoint.close();
    }
  },
});
