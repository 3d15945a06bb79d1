import { resolve } from "node:path";
import { JOIN_STRATEGIES, type JoinStrategy } from "../jobs/join/choose-join-strategy";
import { DEFAULT_SKEW_AWARE_JOIN } from "../jobs/join/skew-aware-join";
import { runJoinJob } from "../jobs/join-job";
import { openSpark } from "../server/spark-endpoint";
import { assertKnownFlags, flag, intFlag, requiredFlag, UsageError, type ParsedArgs } from "./args";

export const JOIN_HELP = `insights join --interactions PATH --metadata PATH --out DIR [--strategy S]
              [--broadcast-mib N] [--expected-joins N] [--salt-buckets N]

  Joins ingested interactions (Parquet, as 'insights ingest' writes them) with ingested metadata:
  every interaction once, users without metadata read 'unknown'. Measures the metadata size and
  the hot user_ids, picks a strategy, and writes DIR/enriched (Parquet by event date), DIR/join.json
  and DIR/join.md (the choice, its reason, the measurements and the physical plan).
    --strategy S        auto (default), broadcast, sort-merge-aqe, bucketed or salted
    --broadcast-mib N   largest deduplicated metadata to broadcast (default 256)
    --expected-joins N  how often the same inputs are joined; bucketing pays from 3 (default 1)
    --salt-buckets N    salts per hot user_id for the salted strategy (default 16)
  Uses SPARK_REMOTE when set; otherwise starts an embedded Spark Connect server and stops it after.`;

export async function joinCommand(args: ParsedArgs): Promise<void> {
  assertKnownFlags(args, ["interactions", "metadata", "out", "strategy", "broadcast-mib", "expected-joins", "salt-buckets"]);
  const strategy = strategyFlag(args);
  const broadcastMib = intFlag(args, "broadcast-mib");
  const expectedJoins = intFlag(args, "expected-joins");
  const saltBuckets = intFlag(args, "salt-buckets");
  if (expectedJoins === 0) throw new UsageError("--expected-joins must be at least 1");
  if (saltBuckets === 0) throw new UsageError("--salt-buckets must be at least 1");
  const defaults = DEFAULT_SKEW_AWARE_JOIN;
  const options = {
    // The server resolves relative paths against its own working directory: send absolute ones.
    interactionsPath: resolve(requiredFlag(args, "interactions")),
    metadataPath: resolve(requiredFlag(args, "metadata")),
    outDir: resolve(requiredFlag(args, "out")),
    join: {
      ...defaults,
      policy: { ...defaults.policy, ...(broadcastMib !== undefined && { broadcastThresholdBytes: broadcastMib * 2 ** 20 }) },
      expectedJoins: expectedJoins ?? defaults.expectedJoins,
      saltBuckets: saltBuckets ?? defaults.saltBuckets,
      ...(strategy !== undefined && { strategy }),
    },
  };

  const started = Date.now();
  const endpoint = await openSpark();
  try {
    const result = await runJoinJob(endpoint.spark, options);
    console.log(`${result.rows.toLocaleString("en-US")} interactions joined (${result.description.strategy}) → ${result.enrichedPath}`);
    console.log(`Why: ${result.description.reason}`);
  } finally {
    await endpoint.close();
  }
  console.log(`Done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

function strategyFlag(args: ParsedArgs): JoinStrategy | undefined {
  const value = flag(args, "strategy") ?? "auto";
  if (value === "auto") return undefined;
  const strategy = JOIN_STRATEGIES.find((s) => s === value);
  if (strategy === undefined) throw new UsageError(`--strategy must be auto, ${JOIN_STRATEGIES.join(", ")}, not '${value}'`);
  return strategy;
}
