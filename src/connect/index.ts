/**
 * The Spark Connect client's public surface, laid out as PySpark's `pyspark.sql`: the entry point
 * of the `@insights/spark-connect` package (see README.md), and of `./src/connect` inside Insights:
 * `import { SparkSession, functions as F, Window } from "@insights/spark-connect"`.
 */
export { SparkSession, SparkSessionBuilder, type SessionOptions } from "./sql/session";
export { DataFrame, type ActionOptions, type ExplainModeName, type JoinHow } from "./sql/dataframe";
export type { ColumnOrName } from "./sql/typing";
export { DataFrameNaFunctions, type DropHow, type DropOptions, type FillValue, type ReplaceValue } from "./sql/na-functions";
export { GroupedData } from "./sql/grouped-data";
export { Catalog, type CatalogColumn, type CatalogMetadata, type CatalogTable, type Database } from "./sql/catalog";
export { Column, type ColumnOrValue } from "./sql/column";
export * as functions from "./sql/functions";
export { Window, WindowSpec } from "./sql/window";
export { TypedLiteral, type LiteralValue } from "./sql/literal";
export { Observation } from "./sql/observation";
export { StorageLevel } from "./sql/storage-level";
export { DataFrameReader } from "./sql/reader";
export { DataFrameWriter, type SaveModeName } from "./sql/writer";
export { DataStreamReader } from "./sql/streaming/data-stream-reader";
export { DataStreamWriter, type OutputMode, type Trigger } from "./sql/streaming/data-stream-writer";
export { StreamingQuery, type StreamingQueryException } from "./sql/streaming/streaming-query";
export { StreamingQueryManager } from "./sql/streaming/streaming-query-manager";
export {
  parseProgress,
  type SourceProgress,
  type StateOperatorProgress,
  type StreamingQueryProgress,
  type StreamingQueryStatus,
} from "./sql/streaming/streaming-progress";
export { RuntimeConfig } from "./sql/runtime-config";
export { parseDDLSchema, parseDDLType } from "./sql/ddl";
export * from "./sql/types";
export type { Row } from "./arrow/decode";
export type { DecodeOptions } from "./arrow/decode-options";
export { SparkError, SparkConnectionError, OperationAbortedError } from "./client/errors";
export { SparkConnectClient, type ClientOptions, type ExecuteOptions, type ReattachEvent } from "./client/spark-connect-client";
export { parseConnectionString, type ConnectionParams } from "./client/connection-string";
