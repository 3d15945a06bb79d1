import { resolve } from "node:path";
import { REALISTIC_DEFAULTS, type RealisticOptions } from "../domain/data/generate/realistic/options";
import { runGenerateJob } from "../jobs/generate-job";
import { defineCommand } from "../lib/command-line/command";
import type { OptionSet } from "../lib/command-line/options";
import { UsageError } from "../lib/command-line/usage-error";
import { integer, oneOf, share } from "../lib/command-line/value-kinds";
import { openSpark } from "../server/spark-endpoint";

const REALISTIC = "Realistic options (with --mode realistic)";

export const generateCommand = defineCommand({
  name: "generate",
  summary: "Generate the brief's two datasets inside Spark, seeded or realistic",
  description: `Generates the brief's two datasets inside Spark, in parallel, and writes DIR/interactions and
    DIR/metadata. The same seed and row counts give the same rows on any cluster.

    Uses SPARK_REMOTE when set; otherwise starts an embedded Spark Connect server and stops it after.`,
  options: {
    mode: {
      kind: oneOf(["seed", "realistic"]),
      default: "seed",
      description: `seed: the brief's uniform distributions; realistic: hot users, sessions, seasonality, retention,
        a slow device, a regressed release and planted anomalies, described in DIR/ground_truth.json`,
    },
    interactions: { kind: integer(), default: 1_000_000, description: "interaction rows" },
    metadata: { kind: integer(), default: 100_000, description: "metadata rows in seed mode; realistic derives them from its users" },
    seed: { kind: integer(), default: 42, description: "seeds every generated value" },
    format: { kind: oneOf(["csv", "parquet"]), default: "csv", description: "csv, in the brief's exact layout, or parquet" },
    out: { value: "DIR", defaultText: ".insights/data/<mode>, git-ignored", description: "where the datasets go" },
    "single-file": { type: "boolean", description: "one part file per dataset: for small outputs only" },
    partitions: { kind: integer(1), defaultText: "one per 2M rows", description: "generating partitions" },
    corrupt: {
      kind: share,
      description: `CSV only: make X of the rows malformed IN EACH KIND (bad timestamp, wrong column count, negative
        or non-numeric duration, empty or bad user_id, unknown action_type, bad app_version or page_id,
        invalid UTF-8, exact duplicates; the metadata's own kinds likewise), X a multiple of 1e-6 up to
        1/kinds; the exact counts go to DIR/corruption.json`,
    },
    users: { kind: integer(), defaultText: "interactions / 100, 10 … 10M", description: "regular users", section: REALISTIC },
    "hot-user-share": { kind: share, default: REALISTIC_DEFAULTS.hotUserShare, description: "share of users that are hot", section: REALISTIC },
    "hot-event-share": { kind: share, default: REALISTIC_DEFAULTS.hotEventShare, description: "share of all events the hot users make", section: REALISTIC },
    "new-user-share": { kind: share, default: REALISTIC_DEFAULTS.newUserShare, description: "share of users who sign up during 2023", section: REALISTIC },
    "orphan-interaction-share": {
      kind: share,
      default: REALISTIC_DEFAULTS.orphanInteractionUserShare,
      description: "users with interactions but no metadata",
      section: REALISTIC,
    },
    "orphan-metadata-share": {
      kind: share,
      default: REALISTIC_DEFAULTS.orphanMetadataUserShare,
      description: "metadata-only users, per user with interactions",
      section: REALISTIC,
    },
    "duplicate-metadata-share": {
      kind: share,
      default: REALISTIC_DEFAULTS.duplicateMetadataUserShare,
      description: "users with a second, later metadata row",
      section: REALISTIC,
    },
    "bot-share": { kind: share, default: REALISTIC_DEFAULTS.bots.eventShare, description: "share of events made by the bot cluster", section: REALISTIC },
  },
  async run({ values, given }) {
    const { mode, format } = values;
    // Each mode has options of its own: one of the other mode's is a mistake, not a no-op.
    const declared: OptionSet = generateCommand.options;
    const otherMode = mode === "seed" ? Object.keys(declared).filter((name) => declared[name]?.section === REALISTIC) : ["metadata"];
    const misplaced = otherMode.find((name) => given.has(name));
    if (misplaced !== undefined) throw new UsageError(`--${misplaced} needs --mode ${mode === "seed" ? "realistic" : "seed"}`);
    if (values.corrupt !== undefined && format !== "csv")
      throw new UsageError("--corrupt needs --format csv: a typed Parquet file cannot hold a malformed line");
    const realistic: RealisticOptions = {
      hotUserShare: values["hot-user-share"],
      hotEventShare: values["hot-event-share"],
      newUserShare: values["new-user-share"],
      orphanInteractionUserShare: values["orphan-interaction-share"],
      orphanMetadataUserShare: values["orphan-metadata-share"],
      duplicateMetadataUserShare: values["duplicate-metadata-share"],
      bots: { ...REALISTIC_DEFAULTS.bots, eventShare: values["bot-share"] },
      ...(values.users !== undefined && { users: values.users }),
    };
    const options = {
      mode,
      format,
      interactions: values.interactions,
      metadata: values.metadata,
      seed: values.seed,
      // The server resolves relative paths against its own working directory: send absolute ones.
      outDir: resolve(values.out ?? `.insights/data/${mode}`),
      singleFile: values["single-file"],
      ...(values.partitions !== undefined && { partitions: values.partitions }),
      ...(values.corrupt !== undefined && { corruption: values.corrupt }),
      ...(mode === "realistic" && { realistic }),
    } as const;

    const started = Date.now();
    const endpoint = await openSpark();
    try {
      console.log(`Spark ${await endpoint.spark.version()} ${endpoint.server ? `(embedded, UI ${endpoint.uiUrl ?? ""})` : "(SPARK_REMOTE)"}`);
      const result = await runGenerateJob(endpoint.spark, options);
      console.log(`${result.interactions.rows} interactions → ${result.interactions.path}`);
      console.log(`${result.metadata.rows} metadata rows → ${result.metadata.path}`);
      if (result.groundTruthPath !== undefined) console.log(`ground truth → ${result.groundTruthPath}`);
      if (result.corruptionPath !== undefined) console.log(`corruption counts → ${result.corruptionPath}`);
    } finally {
      await endpoint.close();
    }
    console.log(`Done in ${((Date.now() - started) / 1000).toFixed(1)} s (${options.mode}, ${options.format}, seed ${options.seed})`);
  },
});
