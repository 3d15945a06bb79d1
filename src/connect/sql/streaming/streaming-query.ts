import type { ExecuteOptions } from "../../client/spark-connect-client";
import type { MessageInitShape } from "@bufbuild/protobuf";
import type { StreamingQueryCommandResult, StreamingQueryCommandSchema } from "../../proto/gen/spark/connect/commands_pb";
import { executeCommand } from "../execution";
import type { SparkSession } from "../session";
import { parseProgress, type StreamingQueryProgress, type StreamingQueryStatus } from "./streaming-progress";

type QueryCommand = NonNullable<MessageInitShape<typeof StreamingQueryCommandSchema>["command"]>;
type QueryResult = StreamingQueryCommandResult["resultType"];
type ResultOf<C extends NonNullable<QueryResult["case"]>> = NonNullable<Extract<QueryResult, { case: C }>["value"]>;

/** The failure that stopped a streaming query, as the server reports it. */
export interface StreamingQueryException {
  readonly message: string;
  readonly errorClass: string | undefined;
  readonly stackTrace: string | undefined;
}

/**
 * A handle on a streaming query running on the server, as PySpark's StreamingQuery. The query
 * runs in the server's session whether or not this handle is used: every method asks the server
 * (nothing is cached), so several handles, or several processes sharing the session, agree.
 */
export class StreamingQuery {
  constructor(
    readonly session: SparkSession,
    /** Stable across restarts from the same checkpoint. */
    readonly id: string,
    /** New for every start or restart. */
    readonly runId: string,
    /** The query name (the memory sink's table name), if one was given. */
    readonly name: string | undefined,
  ) {}

  async status(options?: ExecuteOptions): Promise<StreamingQueryStatus> {
    const result = await this.run({ case: "status", value: true }, "status", options);
    return { message: result.statusMessage, isDataAvailable: result.isDataAvailable, isTriggerActive: result.isTriggerActive, isActive: result.isActive };
  }

  async isActive(options?: ExecuteOptions): Promise<boolean> {
    return (await this.status(options)).isActive;
  }

  /** The latest micro-batch's progress; undefined before the first one completes. */
  async lastProgress(options?: ExecuteOptions): Promise<StreamingQueryProgress | undefined> {
    const result = await this.run({ case: "lastProgress", value: true }, "recentProgress", options);
    const last = result.recentProgressJson.at(-1);
    return last === undefined ? undefined : parseProgress(last);
  }

  /** The progress of the last micro-batches the server keeps (spark.sql.streaming.numRecentProgressUpdates, 100), oldest first. */
  async recentProgress(options?: ExecuteOptions): Promise<StreamingQueryProgress[]> {
    const result = await this.run({ case: "recentProgress", value: true }, "recentProgress", options);
    return result.recentProgressJson.map(parseProgress);
  }

  /**
   * Waits until the query stops, or `timeoutMs` passes; true when it has stopped. Throws the
   * query's failure if it stopped with one, as PySpark does.
   */
  async awaitTermination(timeoutMs?: number, options?: ExecuteOptions): Promise<boolean> {
    const value = timeoutMs === undefined ? {} : { timeoutMs: BigInt(Math.max(0, Math.round(timeoutMs))) };
    return (await this.run({ case: "awaitTermination", value }, "awaitTermination", options)).terminated;
  }

  /** Blocks until every input available now has been processed (meant for tests: it never returns on a source that keeps growing). */
  async processAllAvailable(options?: ExecuteOptions): Promise<void> {
    await this.send({ case: "processAllAvailable", value: true }, options);
  }

  /** Stops the query; the checkpoint keeps what the committed micro-batches did. */
  async stop(options?: ExecuteOptions): Promise<void> {
    await this.send({ case: "stop", value: true }, options);
  }

  /** The failure that stopped the query, or undefined while it runs or after a clean stop. */
  async exception(options?: ExecuteOptions): Promise<StreamingQueryException | undefined> {
    // A query without a failure gets an answer without an exception result.
    const result = await this.run({ case: "exception", value: true }, "exception", options).catch((error: unknown) => {
      if (error instanceof MissingResultError) return undefined;
      throw error;
    });
    if (result?.exceptionMessage === undefined) return undefined;
    return { message: result.exceptionMessage, errorClass: result.errorClass, stackTrace: result.stackTrace };
  }

  /** The query's plans as text (logical and physical when `extended`). */
  async explain(extended = false, options?: ExecuteOptions): Promise<string> {
    return (await this.run({ case: "explain", value: { extended } }, "explain", options)).result;
  }

  /** Sends `command` and returns its result, which must be of kind `expected`. */
  private async run<C extends NonNullable<QueryResult["case"]>>(command: QueryCommand, expected: C, options?: ExecuteOptions): Promise<ResultOf<C>> {
    for (const result of await this.send(command, options)) {
      if (result.case === expected) return result.value as ResultOf<C>;
    }
    throw new MissingResultError(`The server answered the streaming query command '${String(command.case)}' without a ${expected} result`);
  }

  private async send(command: QueryCommand, options?: ExecuteOptions): Promise<QueryResult[]> {
    const responses = await executeCommand(
      this.session.client,
      { case: "command", value: { commandType: { case: "streamingQueryCommand", value: { queryId: { id: this.id, runId: this.runId }, command } } } },
      options,
    );
    return responses.flatMap((r) => (r.responseType.case === "streamingQueryCommandResult" ? [r.responseType.value.resultType] : []));
  }
}

class MissingResultError extends Error {}
