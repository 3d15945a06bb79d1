import type { RecordBatch, Table } from "apache-arrow";
import { AnalyzePlanRequest_Explain_ExplainMode as ExplainMode } from "../proto/gen/spark/connect/base_pb";
import { Join_JoinType as JoinType, SetOperation_SetOpType as SetOpType } from "../proto/gen/spark/connect/relations_pb";
import { batchToRows, tableToRows, type Row } from "../arrow/decode";
import { resolveDecodeOptions, type DecodeOptions } from "../arrow/decode-options";
import type { ExecuteOptions } from "../client/spark-connect-client";
import { Column, toExpr } from "./column";
import { collectTable, executeCommand, executeRelation } from "./execution";
import { GroupedData } from "./grouped-data";
import type { LiteralValue } from "./literal";
import { DataFrameNaFunctions, type DropHow, type DropOptions, type FillValue } from "./na-functions";
import { Observation } from "./observation";
import type { RelationInit, RelType } from "./relation";
import type { SparkSession } from "./session";
import { StorageLevel } from "./storage-level";
import { dataTypeFromProto, StructType } from "./types";
import { DataStreamWriter } from "./streaming/data-stream-writer";
import { toColumn, toSortOrder, type ColumnOrName } from "./typing";
import { DataFrameWriter } from "./writer";

/** Join types by the names PySpark accepts. */
const JOIN_TYPES: Record<string, JoinType> = {
  inner: JoinType.INNER,
  cross: JoinType.CROSS,
  outer: JoinType.FULL_OUTER,
  full: JoinType.FULL_OUTER,
  fullouter: JoinType.FULL_OUTER,
  full_outer: JoinType.FULL_OUTER,
  left: JoinType.LEFT_OUTER,
  leftouter: JoinType.LEFT_OUTER,
  left_outer: JoinType.LEFT_OUTER,
  right: JoinType.RIGHT_OUTER,
  rightouter: JoinType.RIGHT_OUTER,
  right_outer: JoinType.RIGHT_OUTER,
  semi: JoinType.LEFT_SEMI,
  leftsemi: JoinType.LEFT_SEMI,
  left_semi: JoinType.LEFT_SEMI,
  anti: JoinType.LEFT_ANTI,
  leftanti: JoinType.LEFT_ANTI,
  left_anti: JoinType.LEFT_ANTI,
};

export type JoinHow =
  | "inner"
  | "cross"
  | "outer"
  | "full"
  | "fullouter"
  | "full_outer"
  | "left"
  | "leftouter"
  | "left_outer"
  | "right"
  | "rightouter"
  | "right_outer"
  | "semi"
  | "leftsemi"
  | "left_semi"
  | "anti"
  | "leftanti"
  | "left_anti";

export type ExplainModeName = "simple" | "extended" | "codegen" | "cost" | "formatted";

const EXPLAIN_MODES: Record<ExplainModeName, ExplainMode> = {
  simple: ExplainMode.SIMPLE,
  extended: ExplainMode.EXTENDED,
  codegen: ExplainMode.CODEGEN,
  cost: ExplainMode.COST,
  formatted: ExplainMode.FORMATTED,
};

/** Per-action options: abort/timeout, extra tags, and how values are decoded. */
export interface ActionOptions extends ExecuteOptions, DecodeOptions {}

/**
 * A lazily evaluated relation, as PySpark's DataFrame. Transformations return new DataFrames and
 * send nothing; actions (`collect`, `count`, `show`, `toArrow`, `write…save`) run the plan on the
 * server and are async.
 */
export class DataFrame {
  private readonly observations = new Map<string, Observation>();

  constructor(
    readonly session: SparkSession,
    /** The Spark Connect plan of this DataFrame. */
    readonly relation: RelationInit,
  ) {}

  // ---- Transformations ----

  select(...cols: ColumnOrName[]): DataFrame {
    return this.derive({ case: "project", value: { input: this.relation, expressions: cols.map((c) => toColumn(c).expr) } });
  }

  selectExpr(...sql: string[]): DataFrame {
    return this.derive({
      case: "project",
      value: { input: this.relation, expressions: sql.map((expression) => ({ exprType: { case: "expressionString", value: { expression } } })) },
    });
  }

  filter(condition: Column | string): DataFrame {
    const expr = typeof condition === "string" ? { exprType: { case: "expressionString" as const, value: { expression: condition } } } : condition.expr;
    return this.derive({ case: "filter", value: { input: this.relation, condition: expr } });
  }

  where(condition: Column | string): DataFrame {
    return this.filter(condition);
  }

  withColumn(name: string, value: Column): DataFrame {
    return this.withColumns({ [name]: value });
  }

  withColumns(columns: Readonly<Record<string, Column>>): DataFrame {
    return this.derive({
      case: "withColumns",
      value: { input: this.relation, aliases: Object.entries(columns).map(([name, column]) => ({ expr: column.expr, name: [name] })) },
    });
  }

  withColumnRenamed(existing: string, renamed: string): DataFrame {
    return this.withColumnsRenamed({ [existing]: renamed });
  }

  withColumnsRenamed(renames: Readonly<Record<string, string>>): DataFrame {
    return this.derive({ case: "withColumnsRenamed", value: { input: this.relation, renameColumnsMap: { ...renames } } });
  }

  /** Renames all columns positionally. */
  toDF(...names: string[]): DataFrame {
    return this.derive({ case: "toDf", value: { input: this.relation, columnNames: names } });
  }

  drop(...cols: ColumnOrName[]): DataFrame {
    return this.derive({
      case: "drop",
      value: {
        input: this.relation,
        columnNames: cols.filter((c): c is string => typeof c === "string"),
        columns: cols.filter((c): c is Column => c instanceof Column).map((c) => c.expr),
      },
    });
  }

  /** The column `name` of this DataFrame specifically: disambiguates after a self-join. */
  col(name: string): Column {
    return new Column({ exprType: { case: "unresolvedAttribute", value: { unparsedIdentifier: name, planId: this.planId } } });
  }

  groupBy(...cols: ColumnOrName[]): GroupedData {
    return new GroupedData(this, "groupby", cols.map(toColumn));
  }

  rollup(...cols: ColumnOrName[]): GroupedData {
    return new GroupedData(this, "rollup", cols.map(toColumn));
  }

  cube(...cols: ColumnOrName[]): GroupedData {
    return new GroupedData(this, "cube", cols.map(toColumn));
  }

  /** Aggregates over the whole DataFrame: `df.agg(max("x"), count("*"))`. */
  agg(...exprs: Column[]): DataFrame {
    return this.groupBy().agg(...exprs);
  }

  /**
   * Joins with `other`. `on` is a column name or names present on both sides (joined once in the
   * output, as USING), or a boolean Column expression. No `on` with "inner" is a cross join.
   */
  join(other: DataFrame, on?: string | readonly string[] | Column, how: JoinHow = "inner"): DataFrame {
    const joinType = JOIN_TYPES[how.toLowerCase()];
    if (joinType === undefined) throw new Error(`Unknown join type '${how}'; expected one of ${Object.keys(JOIN_TYPES).join(", ")}`);
    const using = typeof on === "string" ? [on] : Array.isArray(on) ? [...(on as readonly string[])] : [];
    return this.derive({
      case: "join",
      value: {
        left: this.relation,
        right: other.relation,
        joinType: on === undefined && joinType === JoinType.INNER ? JoinType.CROSS : joinType,
        usingColumns: using,
        ...(on instanceof Column && { joinCondition: on.expr }),
      },
    });
  }

  crossJoin(other: DataFrame): DataFrame {
    return this.derive({ case: "join", value: { left: this.relation, right: other.relation, joinType: JoinType.CROSS } });
  }

  /** A planner hint: `hint("broadcast")`, `hint("merge")`, `hint("shuffle_hash")`, `hint("rebalance", 8)`… */
  hint(name: string, ...parameters: (LiteralValue | Column)[]): DataFrame {
    return this.derive({ case: "hint", value: { input: this.relation, name, parameters: parameters.map((p) => toExpr(p)) } });
  }

  orderBy(...cols: ColumnOrName[]): DataFrame {
    return this.sortRelation(cols, true);
  }

  sort(...cols: ColumnOrName[]): DataFrame {
    return this.orderBy(...cols);
  }

  /** Sorts each partition, without a global order (no shuffle). */
  sortWithinPartitions(...cols: ColumnOrName[]): DataFrame {
    return this.sortRelation(cols, false);
  }

  limit(n: number): DataFrame {
    return this.derive({ case: "limit", value: { input: this.relation, limit: n } });
  }

  offset(n: number): DataFrame {
    return this.derive({ case: "offset", value: { input: this.relation, offset: n } });
  }

  distinct(): DataFrame {
    return this.derive({ case: "deduplicate", value: { input: this.relation, allColumnsAsKeys: true } });
  }

  /** Keeps one row per distinct value of `subset` (all columns when omitted). */
  dropDuplicates(subset?: readonly string[]): DataFrame {
    return this.derive({
      case: "deduplicate",
      value: subset === undefined ? { input: this.relation, allColumnsAsKeys: true } : { input: this.relation, columnNames: [...subset] },
    });
  }

  /** UNION ALL by position, as PySpark's `union` (no deduplication). */
  union(other: DataFrame): DataFrame {
    return this.setOperation(other, SetOpType.UNION, true, false);
  }

  /** The same as `union` (Spark's old name for it): duplicates are kept. */
  unionAll(other: DataFrame): DataFrame {
    return this.union(other);
  }

  unionByName(other: DataFrame, allowMissingColumns = false): DataFrame {
    return this.derive({
      case: "setOp",
      value: { leftInput: this.relation, rightInput: other.relation, setOpType: SetOpType.UNION, isAll: true, byName: true, allowMissingColumns },
    });
  }

  /** Distinct rows present in both (SQL's INTERSECT). */
  intersect(other: DataFrame): DataFrame {
    return this.setOperation(other, SetOpType.INTERSECT, false, false);
  }

  /** Rows present in both, each as often as in the side where it is rarer (INTERSECT ALL). */
  intersectAll(other: DataFrame): DataFrame {
    return this.setOperation(other, SetOpType.INTERSECT, true, false);
  }

  /** Rows of this one not in `other`, duplicates kept: a row left n times here and m there stays n − m times (EXCEPT ALL). */
  exceptAll(other: DataFrame): DataFrame {
    return this.setOperation(other, SetOpType.EXCEPT, true, false);
  }

  /** Distinct rows of this one not in `other` (SQL's EXCEPT). */
  subtract(other: DataFrame): DataFrame {
    return this.setOperation(other, SetOpType.EXCEPT, false, false);
  }

  /** Hash-repartitions into `numPartitions`, by the given columns when any (round-robin otherwise). */
  repartition(numPartitions: number | undefined, ...cols: ColumnOrName[]): DataFrame {
    if (cols.length === 0) {
      if (numPartitions === undefined) throw new Error("repartition needs a partition count or columns");
      return this.derive({ case: "repartition", value: { input: this.relation, numPartitions, shuffle: true } });
    }
    return this.derive({
      case: "repartitionByExpression",
      value: { input: this.relation, partitionExprs: cols.map((c) => toColumn(c).expr), ...(numPartitions !== undefined && { numPartitions }) },
    });
  }

  /** Range-partitions by the sort order of `cols` (sampled boundaries). */
  repartitionByRange(numPartitions: number | undefined, ...cols: ColumnOrName[]): DataFrame {
    if (cols.length === 0) throw new Error("repartitionByRange needs at least one column");
    return this.derive({
      case: "repartitionByExpression",
      value: {
        input: this.relation,
        partitionExprs: cols.map((c) => ({ exprType: { case: "sortOrder", value: toSortOrder(c) } })),
        ...(numPartitions !== undefined && { numPartitions }),
      },
    });
  }

  /** Fewer partitions without a shuffle. */
  coalesce(numPartitions: number): DataFrame {
    return this.derive({ case: "repartition", value: { input: this.relation, numPartitions, shuffle: false } });
  }

  /** A Bernoulli (or Poisson, with replacement) sample of about `fraction` of the rows. */
  sample(fraction: number, seed?: number, withReplacement = false): DataFrame {
    if (fraction < 0 || (!withReplacement && fraction > 1)) throw new RangeError(`Sample fraction ${fraction} is out of range`);
    return this.derive({
      case: "sample",
      value: {
        input: this.relation,
        lowerBound: 0,
        upperBound: fraction,
        withReplacement,
        seed: BigInt(seed ?? randomSeed()),
        deterministicOrder: false,
      },
    });
  }

  /**
   * Splits the rows at random by `weights` (normalised to sum 1), as PySpark does: each split is
   * a Bernoulli sample of its slice of [0, 1) over the same seed with a deterministic order, so
   * the splits are disjoint and together hold every row, each time they are evaluated.
   */
  randomSplit(weights: readonly number[], seed?: number): DataFrame[] {
    if (weights.some((w) => !(w >= 0))) throw new RangeError(`Weights must be non-negative, got ${weights.join(", ")}`);
    const total = weights.reduce((a, b) => a + b, 0);
    if (!(total > 0)) throw new RangeError("The weights must sum to more than 0");
    const fixedSeed = BigInt(seed ?? randomSeed());
    const bounds = weights.reduce<number[]>((acc, w) => [...acc, (acc.at(-1) ?? 0) + w / total], [0]);
    return weights.map((_, i) =>
      this.derive({
        case: "sample",
        value: { input: this.relation, lowerBound: bounds[i], upperBound: bounds[i + 1], withReplacement: false, seed: fixedSeed, deterministicOrder: true },
      }),
    );
  }

  /**
   * Declares `eventTime` (a timestamp column) the event time of this streaming DataFrame, with
   * late data tolerated up to `delayThreshold` ("10 minutes"): stateful operators may then drop
   * state older than the watermark. No effect on a batch DataFrame.
   */
  withWatermark(eventTime: string, delayThreshold: string): DataFrame {
    if (eventTime === "") throw new Error("withWatermark needs the event time column's name");
    if (delayThreshold === "") throw new Error("withWatermark needs a delay threshold such as '10 minutes'");
    return this.derive({ case: "withWatermark", value: { input: this.relation, eventTime, delayThreshold } });
  }

  /** `fn(this, ...args)`: chains custom transformations as methods, `df.transform(withTotals).transform(topN, 10)`. */
  transform<A extends unknown[]>(fn: (df: DataFrame, ...args: A) => DataFrame, ...args: A): DataFrame {
    return fn(this, ...args);
  }

  // ---- Null handling (see DataFrameNaFunctions) ----

  /** `df.na.fill(...)`, `df.na.drop(...)`, `df.na.replace(...)`, as PySpark's `df.na`. */
  get na(): DataFrameNaFunctions {
    return new DataFrameNaFunctions(this);
  }

  fillna(value: FillValue | Readonly<Record<string, FillValue>>, subset?: string | readonly string[]): DataFrame {
    return this.na.fill(value, subset);
  }

  dropna(options?: DropOptions): DataFrame;
  dropna(how?: DropHow, thresh?: number, subset?: string | readonly string[]): DataFrame;
  dropna(howOrOptions?: DropHow | DropOptions, thresh?: number, subset?: string | readonly string[]): DataFrame {
    return typeof howOrOptions === "object" ? this.na.drop(howOrOptions) : this.na.drop(howOrOptions, thresh, subset);
  }

  replace(...args: Parameters<DataFrameNaFunctions["replace"]>): DataFrame {
    return this.na.replace(...args);
  }

  // ---- Statistics ----

  /** count, mean, stddev, min and max of the given columns (numeric and string ones; all when none), as strings in rows named by `summary`. */
  describe(...cols: string[]): DataFrame {
    return this.derive({ case: "describe", value: { input: this.relation, cols } });
  }

  /**
   * The given statistics of every numeric and string column, as strings in rows named by
   * `summary`: count, mean, stddev, min, max, approximate percentiles ("25%"), count_distinct,
   * approx_count_distinct. None given: count, mean, stddev, min, 25%, 50%, 75%, max.
   */
  summary(...statistics: string[]): DataFrame {
    return this.derive({ case: "summary", value: { input: this.relation, statistics } });
  }

  /** Names the DataFrame so that its columns can be qualified: `df.alias("a")` then `col("a.x")`. */
  alias(alias: string): DataFrame {
    return this.derive({ case: "subqueryAlias", value: { input: this.relation, alias } });
  }

  /**
   * Computes named metrics while the next action runs (`observation.get()` then has them):
   * `df.observe(obs, count(lit(1)).alias("rows"), sum("bytes").alias("bytes"))`.
   */
  observe(observation: Observation | string, ...metrics: Column[]): DataFrame {
    const target = typeof observation === "string" ? new Observation(observation) : observation;
    if (metrics.length === 0) throw new Error("observe needs at least one metric");
    target.bind(metrics.map(metricName));
    const observed = this.derive({ case: "collectMetrics", value: { input: this.relation, name: target.name, metrics: metrics.map((m) => m.expr) } });
    for (const [name, obs] of this.observations) observed.observations.set(name, obs);
    observed.observations.set(target.name, target);
    return observed;
  }

  // ---- Metadata ----

  async schema(): Promise<StructType> {
    const result = await this.session.client.analyze({ case: "schema", value: { plan: this.plan() } });
    if (!result.schema) throw new Error("The server sent no schema");
    const type = dataTypeFromProto(result.schema);
    if (!(type instanceof StructType)) throw new Error(`Expected a struct schema, got ${type.simpleString()}`);
    return type;
  }

  async columns(): Promise<string[]> {
    return (await this.schema()).names;
  }

  /** The schema as Spark prints it (`root` then ` |-- name: type (nullable = true)` lines), down to `level` when given. */
  async schemaTreeString(level?: number): Promise<string> {
    const result = await this.session.client.analyze({ case: "treeString", value: { plan: this.plan(), ...(level !== undefined && { level }) } });
    return result.treeString;
  }

  /** Prints the schema tree to stdout, as PySpark's `printSchema`. */
  async printSchema(level?: number): Promise<void> {
    printLine(await this.schemaTreeString(level));
  }

  /** [name, DDL type] pairs, as PySpark's `dtypes`. */
  async dtypes(): Promise<[string, string][]> {
    return (await this.schema()).fields.map((f) => [f.name, f.dataType.simpleString()]);
  }

  /** The query plan as text (Spark's `EXPLAIN`), default mode "simple" (physical plan). */
  async explain(mode: ExplainModeName = "simple"): Promise<string> {
    const result = await this.session.client.analyze({ case: "explain", value: { plan: this.plan(), explainMode: EXPLAIN_MODES[mode] } });
    return result.explainString;
  }

  async isStreaming(): Promise<boolean> {
    return (await this.session.client.analyze({ case: "isStreaming", value: { plan: this.plan() } })).isStreaming;
  }

  async inputFiles(): Promise<string[]> {
    return (await this.session.client.analyze({ case: "inputFiles", value: { plan: this.plan() } })).files;
  }

  // ---- Caching ----

  /** Caches at MEMORY_AND_DISK (PySpark's default for DataFrames). */
  async cache(): Promise<this> {
    return this.persist(StorageLevel.MEMORY_AND_DISK);
  }

  async persist(level: StorageLevel = StorageLevel.MEMORY_AND_DISK): Promise<this> {
    await this.session.client.analyze({ case: "persist", value: { relation: this.relation, storageLevel: level.toProto() } });
    return this;
  }

  async unpersist(blocking = false): Promise<this> {
    await this.session.client.analyze({ case: "unpersist", value: { relation: this.relation, blocking } });
    return this;
  }

  async storageLevel(): Promise<StorageLevel> {
    const result = await this.session.client.analyze({ case: "getStorageLevel", value: { relation: this.relation } });
    if (!result.storageLevel) throw new Error("The server sent no storage level");
    return StorageLevel.fromProto(result.storageLevel);
  }

  // ---- Actions ----

  /**
   * All rows, decoded by `options` (see DecodeOptions). `T` names the row type the caller knows
   * the query to have (`collect<{ id: number }>()`); it is not checked against the schema.
   */
  async collect<T extends object = Row>(options: ActionOptions = {}): Promise<T[]> {
    return tableToRows(await this.toArrow(options), resolveDecodeOptions({ ...this.session.decodeOptions, ...options })) as T[];
  }

  /** The whole result as an Arrow table, exactly as Spark sent it. */
  async toArrow(options: ExecuteOptions = {}): Promise<Table> {
    return collectTable(this.session.client, this.relation, this.hooks(), options);
  }

  /** The result's Arrow record batches as they arrive, without holding them all. */
  batches(options: ExecuteOptions = {}): AsyncGenerator<RecordBatch> {
    return executeRelation(this.session.client, this.relation, this.hooks(), options);
  }

  /** The result's rows as they arrive, one Arrow batch in memory at a time. */
  async *toLocalIterator<T extends object = Row>(options: ActionOptions = {}): AsyncGenerator<T> {
    const decode = resolveDecodeOptions({ ...this.session.decodeOptions, ...options });
    for await (const batch of this.batches(options)) yield* batchToRows(batch, decode) as T[];
  }

  [Symbol.asyncIterator](): AsyncGenerator<Row> {
    return this.toLocalIterator();
  }

  async count(options: ExecuteOptions = {}): Promise<number> {
    const rows = await this.groupBy()
      .count()
      .collect({ ...options, longs: "number" });
    return rows[0]?.count as number;
  }

  async take<T extends object = Row>(n: number, options: ActionOptions = {}): Promise<T[]> {
    return this.limit(n).collect<T>(options);
  }

  async head<T extends object = Row>(n = 1, options: ActionOptions = {}): Promise<T[]> {
    return this.take<T>(n, options);
  }

  async first<T extends object = Row>(options: ActionOptions = {}): Promise<T | undefined> {
    return (await this.take<T>(1, options))[0];
  }

  /** The last `n` rows, in order (Spark's Tail: the whole result is read on the server to find them). */
  async tail<T extends object = Row>(n: number, options: ActionOptions = {}): Promise<T[]> {
    return this.derive({ case: "tail", value: { input: this.relation, limit: n } }).collect<T>(options);
  }

  async isEmpty(options: ExecuteOptions = {}): Promise<boolean> {
    return (await this.take(1, options)).length === 0;
  }

  /**
   * Prints the first `n` rows as Spark's table to stdout, as PySpark's `show`. It also resolves to
   * that text, which callers from before it printed still read; showString gets it without printing.
   */
  async show(n = 20, truncate: boolean | number = true, vertical = false, options: ExecuteOptions = {}): Promise<string> {
    const text = await this.showString(n, truncate, vertical, options);
    printLine(text);
    return text;
  }

  /** The table `show` prints, as text. `truncate`: true (cells cut to 20 characters), false, or a width. */
  async showString(n = 20, truncate: boolean | number = true, vertical = false, options: ExecuteOptions = {}): Promise<string> {
    const shown = this.derive({
      case: "showString",
      value: { input: this.relation, numRows: n, truncate: truncate === true ? 20 : truncate === false ? 0 : truncate, vertical },
    });
    const rows = await shown.collect(options);
    const text = rows[0]?.show_string;
    if (typeof text !== "string") throw new Error("The server's show_string result is missing");
    return text;
  }

  /** Registers this DataFrame as a temporary view of the session. */
  async createOrReplaceTempView(name: string): Promise<void> {
    await this.createView(name, false, true);
  }

  async createTempView(name: string): Promise<void> {
    await this.createView(name, false, false);
  }

  async createOrReplaceGlobalTempView(name: string): Promise<void> {
    await this.createView(name, true, true);
  }

  get write(): DataFrameWriter {
    return new DataFrameWriter(this);
  }

  /** Starts a streaming query over this (streaming) DataFrame: `df.writeStream.format("memory")…start()`. */
  get writeStream(): DataStreamWriter {
    return new DataStreamWriter(this);
  }

  // ---- Internals ----

  /** The plan id of this DataFrame's root relation. */
  get planId(): bigint {
    const id = this.relation.common?.planId;
    if (id === undefined) throw new Error("This DataFrame has no plan id");
    return id;
  }

  /** @internal The plan of this DataFrame as a query. */
  plan(): { opType: { case: "root"; value: RelationInit } } {
    return { opType: { case: "root", value: this.relation } };
  }

  /** @internal A DataFrame over a new relation node of this DataFrame's session, keeping its observations. */
  derive(relType: RelType): DataFrame {
    const derived = this.session.newDataFrame(relType);
    for (const [name, obs] of this.observations) derived.observations.set(name, obs);
    return derived;
  }

  private hooks(): { observations: ReadonlyMap<string, Observation>; decode: ReturnType<typeof resolveDecodeOptions> } {
    return { observations: this.observations, decode: this.session.decodeOptions };
  }

  private sortRelation(cols: readonly ColumnOrName[], isGlobal: boolean): DataFrame {
    return this.derive({ case: "sort", value: { input: this.relation, order: cols.map(toSortOrder), isGlobal } });
  }

  private setOperation(other: DataFrame, setOpType: SetOpType, isAll: boolean, byName: boolean): DataFrame {
    return this.derive({ case: "setOp", value: { leftInput: this.relation, rightInput: other.relation, setOpType, isAll, byName } });
  }

  private async createView(name: string, isGlobal: boolean, replace: boolean): Promise<void> {
    await executeCommand(this.session.client, {
      case: "command",
      value: { commandType: { case: "createDataframeView", value: { input: this.relation, name, isGlobal, replace } } },
    });
  }
}

/** As Python's `print`: the text and a newline, on stdout. */
function printLine(text: string): void {
  process.stdout.write(`${text}\n`);
}

/** A seed as PySpark draws one when none is given. */
function randomSeed(): number {
  return Math.floor(Math.random() * 2 ** 31);
}

/** Observed metrics must be named (Spark requires it); the name is the metric's key in `get()`. */
function metricName(metric: Column): string {
  const t = metric.expr.exprType;
  if (t?.case === "alias" && t.value.name?.[0] !== undefined) return t.value.name[0];
  throw new Error(`Observed metric ${metric.toString()} needs a name: add .alias("...")`);
}
