import type { DataFrame } from "./dataframe";
import type { SparkSession } from "./session";
import { WithSource } from "./with-options";

/**
 * `spark.read`, as PySpark's DataFrameReader. Give schemas explicitly (`schema("a int, b string")`)
 * for anything large: inference costs a pass over the data and guesses.
 */
export class DataFrameReader extends WithSource {

  constructor(private readonly session: SparkSession) {
    super();
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
