import type { ExecuteOptions } from "../../client/spark-connect-client";
import type { WriteStreamOperationStart } from "../../proto/gen/spark/connect/commands_pb";
import type { DataFrame } from "../dataframe";
import { executeCommand } from "../execution";
import { StreamingQuery } from "./streaming-query";
import { WithFormat } from "../with-options";

/** How the sink receives results: new rows only, the whole result table, or the changed rows. */
export type OutputMode = "append" | "complete" | "update";

/**
 * When micro-batches run (PySpark's `trigger(...)` keywords): every `processingTime` ("5 seconds"),
 * once over everything available in as many batches as the source limits allow (`availableNow`),
 * or once in a single batch (`once`, deprecated in Spark for availableNow).
 */
export type Trigger = { readonly processingTime: string } | { readonly availableNow: true } | { readonly once: true };

/**
 * `df.writeStream`, as PySpark's DataStreamWriter. Nothing runs until `start` or `toTable`,
 * which return as soon as the server has started the query. Give `checkpointLocation` as an
 * option to make a query restartable: offsets, commits and state live there.
 */
export class DataStreamWriter extends WithFormat {
  private mode: OutputMode | undefined;
  private name: string | undefined;
  private triggerSpec: WriteStreamOperationStart["trigger"] = { case: undefined };
  private partitionColumns: string[] = [];

  constructor(private readonly df: DataFrame) {
    super();
  }

  outputMode(mode: OutputMode): this {
    this.mode = mode;
    return this;
  }

  /** The query's name: unique among the session's active queries, and the memory sink's table name. */
  queryName(name: string): this {
    this.name = name;
    return this;
  }

  trigger(trigger: Trigger): this {
    if ("processingTime" in trigger) this.triggerSpec = { case: "processingTimeInterval", value: trigger.processingTime };
    else if ("availableNow" in trigger) this.triggerSpec = { case: "availableNow", value: true };
    else this.triggerSpec = { case: "once", value: true };
    return this;
  }

  partitionBy(...columns: string[]): this {
    this.partitionColumns = columns;
    return this;
  }

  /** Starts the query, writing to `path` for file sinks. */
  start(path?: string, options?: ExecuteOptions): Promise<StreamingQuery> {
    return this.run(path === undefined ? { case: undefined } : { case: "path", value: path }, options);
  }

  /** Starts the query, appending to the table `name`. */
  toTable(name: string, options?: ExecuteOptions): Promise<StreamingQuery> {
    return this.run({ case: "tableName", value: name }, options);
  }

  private async run(sinkDestination: WriteStreamOperationStart["sinkDestination"], options?: ExecuteOptions): Promise<StreamingQuery> {
    const responses = await executeCommand(
      this.df.session.client,
      {
        case: "command",
        value: {
          commandType: {
            case: "writeStreamOperationStart",
            value: {
              input: this.df.relation,
              format: this.source ?? "",
              options: { ...this.opts },
              partitioningColumnNames: this.partitionColumns,
              trigger: this.triggerSpec,
              outputMode: this.mode ?? "",
              queryName: this.name ?? "",
              sinkDestination,
            },
          },
        },
      },
      options,
    );
    for (const response of responses) {
      if (response.responseType.case !== "writeStreamOperationStartResult") continue;
      const { queryId, name } = response.responseType.value;
      if (queryId === undefined) break;
      return new StreamingQuery(this.df.session, queryId.id, queryId.runId, name === "" ? undefined : name);
    }
    throw new Error("The server started the streaming query without returning its id");
  }
}
