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
    return this.session.newDataFrame(this.dataSourceRead(false, paths));
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
    return this.session.newDataFrame(this.tableRead(false, name));
  }
}
