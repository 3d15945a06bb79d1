import { WriteOperation_SaveMode as SaveMode, WriteOperation_SaveTable_TableSaveMethod as SaveMethod } from "../proto/gen/spark/connect/commands_pb";
import type { ExecuteOptions } from "../client/spark-connect-client";
import type { DataFrame } from "./dataframe";
import { executeCommand } from "./execution";
import { WithFormat } from "./with-options";

export type SaveModeName = "append" | "overwrite" | "error" | "errorifexists" | "ignore";

const SAVE_MODES: Record<SaveModeName, SaveMode> = {
  append: SaveMode.APPEND,
  overwrite: SaveMode.OVERWRITE,
  error: SaveMode.ERROR_IF_EXISTS,
  errorifexists: SaveMode.ERROR_IF_EXISTS,
  ignore: SaveMode.IGNORE,
};

/** `df.write`, as PySpark's DataFrameWriter. Nothing runs until `save`, `saveAsTable` or `insertInto`. */
export class DataFrameWriter extends WithFormat {
  private saveMode: SaveMode = SaveMode.ERROR_IF_EXISTS;
  private partitionColumns: string[] = [];
  private bucket: { numBuckets: number; columns: string[] } | undefined;
  private sortColumns: string[] = [];

  constructor(private readonly df: DataFrame) {
    super();
  }

  mode(mode: SaveModeName): this {
    const saveMode = SAVE_MODES[mode.toLowerCase() as SaveModeName] as SaveMode | undefined;
    if (saveMode === undefined) throw new Error(`Unknown save mode '${mode}'; expected one of ${Object.keys(SAVE_MODES).join(", ")}`);
    this.saveMode = saveMode;
    return this;
  }

  /** One folder level per column value (`date=2023-07-01/`): readers prune by these columns. */
  partitionBy(...columns: string[]): this {
    this.partitionColumns = columns;
    return this;
  }

  /** Hash buckets by `columns` (tables only): joins and aggregations on them skip the shuffle. */
  bucketBy(numBuckets: number, ...columns: string[]): this {
    if (!Number.isInteger(numBuckets) || numBuckets < 1) throw new RangeError(`bucketBy needs a positive bucket count, not ${numBuckets}`);
    this.bucket = { numBuckets, columns };
    return this;
  }

  sortBy(...columns: string[]): this {
    this.sortColumns = columns;
    return this;
  }

  async save(path?: string, options?: ExecuteOptions): Promise<void> {
    await this.run(path === undefined ? undefined : { case: "path", value: path }, options);
  }

  async parquet(path: string, options?: ExecuteOptions): Promise<void> {
    await this.format("parquet").save(path, options);
  }

  async csv(path: string, options?: ExecuteOptions): Promise<void> {
    await this.format("csv").save(path, options);
  }

  async json(path: string, options?: ExecuteOptions): Promise<void> {
    await this.format("json").save(path, options);
  }

  async saveAsTable(name: string, options?: ExecuteOptions): Promise<void> {
    await this.run({ case: "table", value: { tableName: name, saveMethod: SaveMethod.SAVE_AS_TABLE } }, options);
  }

  async insertInto(name: string, overwrite = false, options?: ExecuteOptions): Promise<void> {
    if (overwrite) this.saveMode = SaveMode.OVERWRITE;
    await this.run({ case: "table", value: { tableName: name, saveMethod: SaveMethod.INSERT_INTO } }, options);
  }

  private async run(
    saveType: { case: "path"; value: string } | { case: "table"; value: { tableName: string; saveMethod: SaveMethod } } | undefined,
    options?: ExecuteOptions,
  ): Promise<void> {
    await executeCommand(
      this.df.session.client,
      {
        case: "command",
        value: {
          commandType: {
            case: "writeOperation",
            value: {
              input: this.df.relation,
              ...(this.source !== undefined && { source: this.source }),
              ...(saveType !== undefined && { saveType }),
              mode: this.saveMode,
              options: { ...this.opts },
              partitioningColumns: this.partitionColumns,
              sortColumnNames: this.sortColumns,
              ...(this.bucket && { bucketBy: { numBuckets: this.bucket.numBuckets, bucketColumnNames: this.bucket.columns } }),
            },
          },
        },
      },
      options,
    );
  }
}
