import type { RelType } from "./relation";
import { StructType } from "./types";

/** An option's value as a caller gives it; Spark Connect carries every option as a string. */
export type OptionValue = string | number | boolean;

/**
 * The `option(key, value)` / `options({...})` pair every reader and writer offers, as PySpark's
 * do: values are sent as strings (`true`, `4`), which is how Spark's data sources parse them.
 */
export abstract class WithOptions {
  protected readonly opts: Record<string, string> = {};

  option(key: string, value: OptionValue): this {
    this.opts[key] = String(value);
    return this;
  }

  options(options: Readonly<Record<string, OptionValue>>): this {
    for (const [key, value] of Object.entries(options)) this.option(key, value);
    return this;
  }
}

/**
 * The data source a reader reads or a writer writes (`parquet`, `csv`, `json`, `delta`…; for
 * streaming sinks also `memory`, `console`, `noop`), besides the options. Unset, the server's
 * default applies (spark.sql.sources.default, parquet).
 */
export abstract class WithFormat extends WithOptions {
  protected source: string | undefined;

  format(source: string): this {
    this.source = source;
    return this;
  }
}

/** A reader's source: its format and schema, besides the options (batch and streaming readers alike). */
export abstract class WithSource extends WithFormat {
  protected ddlSchema: string | undefined;

  /** A StructType or a DDL string (`"a int, b string"`). */
  schema(schema: StructType | string): this {
    this.ddlSchema = schema instanceof StructType ? schema.toDDL() : schema;
    return this;
  }

  /** The Read relation of this source over `paths`, a batch or a streaming one. */
  protected dataSourceRead(isStreaming: boolean, paths: string[]): RelType {
    const dataSource = {
      ...(this.source !== undefined && { format: this.source }),
      ...(this.ddlSchema !== undefined && { schema: this.ddlSchema }),
      options: { ...this.opts },
      paths,
    };
    return { case: "read", value: { isStreaming, readType: { case: "dataSource", value: dataSource } } };
  }

  /** The Read relation of a named table, a batch or a streaming one. */
  protected tableRead(isStreaming: boolean, name: string): RelType {
    return { case: "read", value: { isStreaming, readType: { case: "namedTable", value: { unparsedIdentifier: name, options: { ...this.opts } } } } };
  }
}
