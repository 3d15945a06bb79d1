import type { DataFrame } from "../dataframe";
import type { SparkSession } from "../session";
import { StructType } from "../types";

type OptionValue = string | number | boolean;

/**
 * `spark.readStream`, as PySpark's DataStreamReader: a streaming DataFrame (a Read relation with
 * `is_streaming`) that a `writeStream` query consumes incrementally. File sources need a schema:
 * Spark will not infer one for a stream (spark.sql.streaming.schemaInference is off), because
 * every later file must match what the first micro-batch saw.
 */
export class DataStreamReader {
  private source: string | undefined;
  private ddlSchema: string | undefined;
  private readonly opts: Record<string, string> = {};

  constructor(private readonly session: SparkSession) {}

  format(source: string): this {
    this.source = source;
    return this;
  }

  schema(schema: StructType | string): this {
    this.ddlSchema = schema instanceof StructType ? schema.toDDL() : schema;
    return this;
  }

  /** E.g. `maxFilesPerTrigger`, `latestFirst`, `cleanSource` for file sources, plus the format's own options. */
  option(key: string, value: OptionValue): this {
    this.opts[key] = String(value);
    return this;
  }

  options(options: Readonly<Record<string, OptionValue>>): this {
    for (const [key, value] of Object.entries(options)) this.option(key, value);
    return this;
  }

  /** A stream over `path` (a folder, for file sources: each new file is read once), or over the format's own source when none is given. */
  load(path?: string): DataFrame {
    return this.session.newDataFrame({
      case: "read",
      value: {
        isStreaming: true,
        readType: {
          case: "dataSource",
          value: {
            ...(this.source !== undefined && { format: this.source }),
            ...(this.ddlSchema !== undefined && { schema: this.ddlSchema }),
            options: { ...this.opts },
            paths: path === undefined ? [] : [path],
          },
        },
      },
    });
  }

  csv(path: string): DataFrame {
    return this.format("csv").load(path);
  }

  parquet(path: string): DataFrame {
    return this.format("parquet").load(path);
  }

  json(path: string): DataFrame {
    return this.format("json").load(path);
  }

  text(path: string): DataFrame {
    return this.format("text").load(path);
  }

  /** A stream over a table whose format supports streaming reads. */
  table(name: string): DataFrame {
    return this.session.newDataFrame({
      case: "read",
      value: { isStreaming: true, readType: { case: "namedTable", value: { unparsedIdentifier: name, options: { ...this.opts } } } },
    });
  }
}
