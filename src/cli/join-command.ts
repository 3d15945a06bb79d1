import { resolve } from "node:path";
import { DEFAULT_JOIN_POLICY, JOIN_STRATEGIES } from "../jobs/join/choose-join-strategy";
import { DEFAULT_SKEW_AWARE_JOIN } from "../jobs/join/skew-aware-join";
import { runJoinJob } from "../jobs/join-job";
import { defineCommand } from "../lib/command-line/command";
import { integer, oneOf } from "../lib/command-line/value-kinds";
import { openSpark } from "../server/spark-endpoint";
import { formatCount } from "../lib/text/format";

const MIB = 2 ** 20;
const DEFAULTS = DEFAULT_SKEW_AWARE_JOIN;

export const joinCommand = defineCommand({
  name: "join",
  summary: "Join ingested interactions with ingested metadata, choosing the strategy from measured sizes",
  description: `Joins ingested interactions (Parquet, as 'insights ingest' writes them) with ingested metadata:
    every interaction once, users without metadata read 'unknown'. Measures the metadata size and the
    hot user_ids, picks a strategy, and writes DIR/enriched (Parquet by event date), DIR/join.json and
    DIR/join.md (the choice, its reason, the measurements and the physical plan).

    Uses SPARK_REMOTE when set; otherwise starts an embedded Spark Connect server and stops it after.`,
  options: {
    interactions: { value: "PATH", required: true, description: "ingested interactions" },
    metadata: { value: "PATH", required: true, description: "ingested metadata" },
    out: { value: "DIR", required: true, description: "where the enriched interactions, join.json and join.md go" },
    strategy: { kind: oneOf(["auto", ...JOIN_STRATEGIES]), default: "auto", description: "auto picks from the measurements; any other forces that strategy" },
    "broadcast-mib": {
      kind: integer(),
      default: DEFAULTS.policy.broadcastThresholdBytes / MIB,
      description: "largest deduplicated metadata to broadcast, in MiB",
    },
    "expected-joins": {
      kind: integer(1),
      default: DEFAULTS.expectedJoins,
      description: `how often the same inputs are joined; bucketing pays from ${DEFAULT_JOIN_POLICY.minJoinsForBucketing}`,
    },
    "salt-buckets": { kind: integer(1), default: DEFAULTS.saltBuckets, description: "salts per hot user_id for the salted strategy" },
  },
  async run({ values }) {
    const { strategy } = values;
    const options = {
      // The server resolves relative paths against its own working directory: send absolute ones.
      interactionsPath: resolve(values.interactions),
      metadataPath: resolve(values.metadata),
      outDir: resolve(values.out),
      join: {
        ...DEFAULTS,
        policy: { ...DEFAULTS.policy, broadcastThresholdBytes: values["broadcast-mib"] * MIB },
        expectedJoins: values["expected-joins"],
        saltBuckets: values["salt-buckets"],
        ...(strategy !== "auto" && { strategy }),
      },
    };

    const started = Date.now();
    const endpoint = await openSpark();
    try {
      const result = await runJoinJob(endpoint.spark, options);
      console.log(`${formatCount(result.rows)} interactions joined (${result.description.strategy}) → ${result.enrichedPath}`);
      console.log(`Why: ${result.description.reason}`);
    } finally {
      await endpoint.close();
    }
    console.log(`Done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  },
});
