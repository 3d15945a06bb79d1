import type { DataFrame } from "../dataframe";
import type { SparkSession } from "../session";
import { WithSource } from "../with-options";

/**
 * `spark.readStream`, as PySpark's DataStreamReader: a streaming DataFrame (a Read relation with
 * `is_streaming`) that a `writeStream` query consumes incrementally. File sources need a schema:
 * Spark will not infer one for a stream (spark.sql.streaming.schemaInference is off), because
 * every later file must match what the first micro-batch saw. Options include the file sources'
 * `maxFilesPerTrigger`, `latestFirst` and `cleanSource`, besides the format's own.
 */
export class DataStreamReader extends WithSource {
  constructor(private readonly session: SparkSession) {
    super();
  }

  /** A stream over `path` (a folder, for file sources: each new file is read once), or over the format's own source when none is given. */
  load(path?: string): DataFrame {
    return this.session.newDataFrame(this.dataSourceRead(true, path === undefined ? [] : [path]));
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
  /** A stream over a table whose format supports streaming reads. */
  table(name: string): DataFrame {
    return this.session.newDataFrame(this.tableRead(true, name));
  }
}
