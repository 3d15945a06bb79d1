import { functions as F, type Column, type DataFrame } from "../../../../connect";
import { DATE_FORMAT, TIMESTAMP_FORMAT } from "../../schemas";
import { INTERACTIONS_CORRUPTION } from "./corrupt-interactions";
import { METADATA_CORRUPTION } from "./corrupt-metadata";
import { corruptionCounts, corruptionPlan, kindOfRow, type CorruptionPlan } from "./corruption-counts";
import type { CorruptibleDataset, Corruption, CorruptionKind, DatasetCorruption } from "./corruption-kinds";

export interface CorruptedDataset {
  /** One string column, named by the CSV header line: each row's line as it is to be written. */
  readonly rows: DataFrame;
  /** Rows of each kind, by kind name: exact, from the row count (see corruptionCounts). */
  readonly counts: Readonly<Record<string, number>>;
  readonly generatedRows: number;
  /** Lines to be written: the generated rows plus one copy per `exact_duplicate`. */
  readonly totalRows: number;
}

const DATASETS: Record<CorruptibleDataset, DatasetCorruption> = { interactions: INTERACTIONS_CORRUPTION, metadata: METADATA_CORRUPTION };

/** The kinds of a dataset, in the order they take their share of the row ids. */
export function corruptionKindsOf(dataset: CorruptibleDataset): DatasetCorruption["kinds"] {
  return DATASETS[dataset].kinds;
}

/**
 * Typed values as the brief's CSV writes them: `yyyy-MM-dd HH:mm:ss` timestamps in UTC whatever
 * the session's zone, `yyyy-MM-dd` dates. `to_csv` of a one-field struct is the CSV writer's own
 * formatting, so a clean corrupted-file line is the line the clean writer would have written.
 */
const TYPED_TEXT_OPTIONS = F.createMap(
  ...[
    ["timestampFormat", TIMESTAMP_FORMAT],
    ["dateFormat", DATE_FORMAT],
    ["timeZone", "UTC"],
  ].flatMap(([key, value]) => [F.lit(key), F.lit(value)]),
);
const KIND = "_corruption";

const csvLine = (fields: readonly Column[]): Column => F.toCsv(F.struct(...fields));

/**
 * Turns generated rows into CSV lines with `fraction` of them malformed in EACH kind of the
 * dataset (so the kinds together take kinds × fraction), the kind picked from the row id.
 *
 * `withId` is a generator's output with `keepRowId: true`: the dataset's columns and the
 * `spark.range` id (0..generatedRows−1) last. The count of every kind follows from
 * `generatedRows` alone, with no pass over the data. `fraction` is a whole number of millionths.
 *
 * Each line is built as one string so that it can hold what a typed CSV writer cannot (a field
 * too few, a byte that is not UTF-8); write it with writeCorruptedCsv.
 */
export function corruptDataset(withId: DataFrame, dataset: CorruptibleDataset, fraction: number, generatedRows: number): CorruptedDataset {
  const spec = DATASETS[dataset];
  const plan = corruptionPlan(fraction, spec.kinds.length);
  return withCounts(corruptedLines(withId, spec, plan), spec, corruptionCounts(plan, spec.kinds, generatedRows), generatedRows);
}

/**
 * corruptDataset for a generator whose ids are unique but not 0..n−1 (realistic metadata leaves
 * out its orphans' ids): the kinds are counted with one aggregation over the ids instead. Meant
 * for the smaller dataset; the interactions' ids are contiguous and need no pass.
 */
export async function corruptDatasetCountingKinds(withId: DataFrame, dataset: CorruptibleDataset, fraction: number): Promise<CorruptedDataset> {
  const spec = DATASETS[dataset];
  const plan = corruptionPlan(fraction, spec.kinds.length);
  const byKind = await withId
    .groupBy(kindOfRow(plan, spec.kinds, F.col("id")).alias(KIND))
    .count()
    .collect();
  const found = new Map(byKind.map((row) => [typeof row[KIND] === "string" ? row[KIND] : null, Number(row.count)]));
  const counts = Object.fromEntries(spec.kinds.map((kind) => [kind.name, found.get(kind.name) ?? 0]));
  const generatedRows = [...found.values()].reduce((sum, n) => sum + n, 0);
  return withCounts(corruptedLines(withId, spec, plan), spec, counts, generatedRows);
}

function withCounts(rows: DataFrame, spec: DatasetCorruption, counts: Record<string, number>, generatedRows: number): CorruptedDataset {
  const duplicates = spec.kinds.filter((k) => k.corruption.type === "duplicate").reduce((sum, k) => sum + (counts[k.name] ?? 0), 0);
  return { rows, counts, generatedRows, totalRows: generatedRows + duplicates };
}

function corruptedLines(withId: DataFrame, spec: DatasetCorruption, plan: CorruptionPlan): DataFrame {
  // `value` on the rows of these kinds, `otherwise` on the others (null KIND: no kind matches).
  const onKinds = (kinds: readonly CorruptionKind[], value: Column, otherwise: Column): Column =>
    kinds.reduce((rest, kind) => F.when(F.col(KIND).eq(kind.name), value).otherwise(rest), otherwise);
  const ofType = (type: Corruption["type"]): CorruptionKind[] => spec.kinds.filter((k) => k.corruption.type === type);

  const fieldText = (column: string): Column => {
    const clean = spec.typedColumns.includes(column) ? F.toCsv(F.struct(F.col(column)), TYPED_TEXT_OPTIONS) : F.col(column);
    const rewrites = spec.kinds.flatMap((k) => (k.corruption.type === "field" && k.corruption.field === column ? [{ kind: k, text: k.corruption.text }] : []));
    return rewrites.reduce((rest, { kind, text }) => F.when(F.col(KIND).eq(kind.name), text(clean)).otherwise(rest), clean);
  };
  const texts = withId.withColumn(KIND, kindOfRow(plan, spec.kinds, F.col("id"))).select(...spec.columns.map((c) => fieldText(c).alias(c)), F.col(KIND));

  const fields = spec.columns.map((c) => F.col(c));
  const line = onKinds(ofType("drop_last_field"), csvLine(fields.slice(0, -1)), csvLine(fields));
  // A duplicate is written right after its original: one explode, no second scan or shuffle.
  const copies = onKinds(ofType("duplicate"), F.array(line, line), F.array(line));
  return texts.select(F.explode(copies).alias(spec.columns.join(",")));
}
