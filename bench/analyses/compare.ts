import { RELATIVE_TOLERANCE, type AnalysisTables, type Cell, type TableShape } from "./tables";

/** Where a value falls in the exact sorted data: how many values are below it, and at or below it. */
export interface ValueRank {
  readonly below: number;
  readonly atOrBelow: number;
  /** How many values there are. */
  readonly count: number;
}

/**
 * Whether `rank` (of an approximate percentile's value) is an acceptable answer for percentile
 * `p` with accuracy `accuracy` (Spark's percentile_approx: rank error at most count / accuracy).
 * The target is the 1-based rank ceil(p × count) (at least 1); the value occupies ranks
 * below + 1 … atOrBelow (a duplicated value occupies several); it agrees when that span comes
 * within ceil(count / accuracy) ranks of the target.
 */
export function percentileRankAgrees(rank: ValueRank, p: number, accuracy: number): boolean {
  if (rank.atOrBelow <= rank.below) return false; // not a value of the data at all
  const target = Math.max(1, Math.ceil(p * rank.count));
  const tolerance = Math.ceil(rank.count / accuracy);
  return rank.atOrBelow >= target - tolerance && rank.below + 1 <= target + tolerance;
}

/** Whether two floating-point results are equal within a relative tolerance (both null counts as equal). */
export function relativelyEqual(a: Cell, b: Cell, tolerance = RELATIVE_TOLERANCE): boolean {
  if (a === null || b === null) return a === b;
  if (typeof a !== "number" || typeof b !== "number") return false;
  if (a === b) return true;
  return Math.abs(a - b) <= tolerance * Math.max(Math.abs(a), Math.abs(b));
}

export interface Disagreement {
  readonly table: string;
  /** 0-based row, or -1 for the table as a whole. */
  readonly row: number;
  readonly column: string;
  readonly spark: Cell;
  readonly duckdb: Cell;
  readonly why: string;
}

/** What the comparison of percentile columns needs: per column, the Spark value's rank in the exact data. */
export interface PercentileEvidence {
  readonly accuracy: number;
  readonly ranks: Readonly<Record<string, ValueRank>>;
}

/**
 * Compares one result table row by row (both sides in the table's defined order): the row
 * counts, then each cell by its column kind (see ColumnKind). Percentile columns are judged by
 * the Spark value's rank (`evidence`), not by equality with DuckDB's value: the two functions
 * define a percentile differently, and the rank is what both definitions constrain.
 */
export function compareTable(
  shape: TableShape,
  spark: readonly Readonly<Record<string, Cell>>[],
  duckdb: readonly Readonly<Record<string, Cell>>[],
  evidence?: PercentileEvidence,
): Disagreement[] {
  const found: Disagreement[] = [];
  if (spark.length !== duckdb.length) {
    found.push({ table: shape.name, row: -1, column: "(rows)", spark: spark.length, duckdb: duckdb.length, why: "row counts differ" });
  }
  for (let i = 0; i < Math.min(spark.length, duckdb.length); i++) {
    for (const [column, kind] of shape.columns) {
      const s = spark[i]?.[column] ?? null;
      const d = duckdb[i]?.[column] ?? null;
      const why = cellDisagreement(kind, column, s, d, evidence);
      if (why !== undefined) found.push({ table: shape.name, row: i, column, spark: s, duckdb: d, why });
    }
  }
  return found;
}

function cellDisagreement(
  kind: TableShape["columns"][number][1],
  column: string,
  s: Cell,
  d: Cell,
  evidence: PercentileEvidence | undefined,
): string | undefined {
  if (typeof kind === "object") {
    const rank = evidence?.ranks[column];
    if (s === null || d === null) return s === d ? undefined : "one engine has no percentile";
    if (rank === undefined || evidence === undefined) return "no rank evidence for the Spark value";
    return percentileRankAgrees(rank, kind.percentile, evidence.accuracy)
      ? undefined
      : `Spark's value holds ranks ${rank.below + 1}…${rank.atOrBelow} of ${rank.count}, outside ceil(${kind.percentile} × n) ± ceil(n / ${evidence.accuracy})`;
  }
  if (kind === "ratio") return relativelyEqual(s, d) ? undefined : `differ by more than ${RELATIVE_TOLERANCE} relative`;
  return s === d ? undefined : "not equal";
}

/** Every table of one analysis compared (tables missing on one side count as all rows missing). */
export function compareAnalysis(shapes: readonly TableShape[], spark: AnalysisTables, duckdb: AnalysisTables, evidence?: PercentileEvidence): Disagreement[] {
  return shapes.flatMap((shape) => compareTable(shape, spark[shape.name] ?? [], duckdb[shape.name] ?? [], evidence));
}
