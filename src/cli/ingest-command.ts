import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { ingestInteractions } from "../domain/data/ingest/ingest-interactions";
import { ingestMetadata } from "../domain/data/ingest/ingest-metadata";
import { defaultPlausibleRange, interactionRules } from "../domain/data/ingest/interaction-rules";
import { metadataRules } from "../domain/data/ingest/metadata-rules";
import type { InputFormat } from "../domain/data/ingest/raw-input";
import { formatQualityTable } from "../domain/data/quality/format-quality-table";
import { qualitySummary } from "../domain/data/quality/quality-summary";
import { openSpark } from "../server/spark-endpoint";
import { assertKnownFlags, flag, requiredFlag, UsageError, type ParsedArgs } from "./args";

export const INGEST_HELP = `insights ingest --interactions PATH --metadata PATH --out DIR [--batch NAME]
                [--format csv|parquet] [--earliest YYYY-MM-DD] [--latest YYYY-MM-DD]

  Validates the two raw datasets (CSV or Parquet) and writes DIR/interactions (Parquet by
  event date), DIR/metadata (Parquet by country), the rejected rows with their reason to
  DIR/quarantine/{interactions,metadata} and DIR/quality.json (every rule with its count);
  prints the quality table.
    --batch NAME      names this batch in quarantine and lineage; re-ingesting it replaces it
                      (default: each input's path)
    --format F        csv or parquet, for both inputs (default: detected for each input: a
                      .parquet file or a folder of them is parquet, anything else csv)
    --earliest DATE   earliest plausible event time and join date (default 2000-01-01)
    --latest DATE     latest plausible one, exclusive (default: tomorrow, UTC)
  Uses SPARK_REMOTE when set; otherwise starts an embedded Spark Connect server and stops it after.`;

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export async function ingestCommand(args: ParsedArgs): Promise<void> {
  assertKnownFlags(args, ["interactions", "metadata", "out", "batch", "format", "earliest", "latest"]);
  // The server resolves relative paths against its own working directory: send absolute ones.
  const interactionsInput = resolve(requiredFlag(args, "interactions"));
  const metadataInput = resolve(requiredFlag(args, "metadata"));
  const outDir = resolve(requiredFlag(args, "out"));
  const batch = flag(args, "batch");
  const format = formatFlag(args);
  const defaults = defaultPlausibleRange();
  const bounds = { earliest: dateFlag(args, "earliest") ?? defaults.earliest, latest: dateFlag(args, "latest") ?? defaults.latest };
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
}


function formatFlag(args: ParsedArgs): InputFormat | undefined {
  const value = flag(args, "format");
  if (value !== undefined && value !== "csv" && value !== "parquet") throw new UsageError(`--format must be csv or parquet, not '${value}'`);
  return value;
}

function dateFlag(args: ParsedArgs, name: string): string | undefined {
  const value = flag(args, name);
  if (value !== undefined && !DATE.test(value)) throw new UsageError(`--${name} must be YYYY-MM-DD, not '${value}'`);
  return value;
}
