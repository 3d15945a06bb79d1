import type { DataFrame } from "./dataframe";
import type { SparkSession } from "./session";
import { StructType } from "./types";

type OptionValue = string | number | boolean;

/**
 * `spark.read`, as PySpark's DataFrameReader. Give schemas explicitly (`schema("a int, b string")`)
 * for anything large: inference costs a pass over the data and guesses.
 */
export class DataFrameReader {
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

  option(key: string, value: OptionValue): this {
    this.opts[key] = String(value);
    return this;
  }

  options(options: Readonly<Record<string, OptionValue>>): this {
    for (const [key, value] of Object.entries(options)) this.option(key, value);
    return this;
  }

  load(...paths: string[]): DataFrame {
    return this.session.newDataFrame({
      case: "read",
      value: {
        isStreaming: false,
        readType: {
          case: "dataSource",
          value: {
            ...(this.source !== undefined && { format: this.source }),
            ...(this.ddlSchema !== undefined && { schema: this.ddlSchema }),
            options: { ...this.opts },
            paths,
          },
        },
      },
    });
  }

  csv(...paths: string[]): DataFrame {
    return this.format("csv").load(...paths);
  }

  parquet(...paths: string[]): DataFrame {
    return this.format("parquet").load(...paths);
  }

  json(...paths: string[]): DataFrame {
    return this.format("json").load(...paths);
  }

  text(...paths: string[]): DataFrame {
    return this.format("text").load(...paths);
  }

  table(name: string): DataFrame {
    return this.session.newDataFrame({
      case: "read",
      value: { isStreaming: false, readType: { case: "namedTable", value: { unparsedIdentifier: name, options: { ...this.opts } } } },
    });
  }
}
