import type { ExecuteOptions } from "../../client/spark-connect-client";
import type { MessageInitShape } from "@bufbuild/protobuf";
import type { StreamingQueryManagerCommandResult, StreamingQueryManagerCommandSchema } from "../../proto/gen/spark/connect/commands_pb";
import { executeCommand } from "../execution";
import type { SparkSession } from "../session";
import { StreamingQuery } from "./streaming-query";

type ManagerCommand = NonNullable<MessageInitShape<typeof StreamingQueryManagerCommandSchema>["command"]>;
type ManagerResult = StreamingQueryManagerCommandResult["resultType"];

/** `spark.streams`, as PySpark's StreamingQueryManager: the streaming queries of this session. */
export class StreamingQueryManager {
  constructor(private readonly session: SparkSession) {}

  async active(options?: ExecuteOptions): Promise<StreamingQuery[]> {
    const result = await this.run({ case: "active", value: true }, options);
    if (result.case !== "active") throw new Error("The server answered 'active' without the list of queries");
    return result.value.activeQueries.flatMap((q) => (q.id === undefined ? [] : [new StreamingQuery(this.session, q.id.id, q.id.runId, q.name)]));
  }

  /** The query with this id (active or not, as the server still knows it), or undefined. */
  async get(id: string, options?: ExecuteOptions): Promise<StreamingQuery | undefined> {
    const result = await this.run({ case: "getQuery", value: id }, options);
    if (result.case !== "query" || result.value.id === undefined) return undefined;
    return new StreamingQuery(this.session, result.value.id.id, result.value.id.runId, result.value.name);
  }

  /** Waits until any query of the session stops (or `timeoutMs` passes); true when one has. */
  async awaitAnyTermination(timeoutMs?: number, options?: ExecuteOptions): Promise<boolean> {
    const value = timeoutMs === undefined ? {} : { timeoutMs: BigInt(Math.max(0, Math.round(timeoutMs))) };
    const result = await this.run({ case: "awaitAnyTermination", value }, options);
    return result.case === "awaitAnyTermination" && result.value.terminated;
  }

  /** Forgets the queries that have stopped, so that awaitAnyTermination waits for a new one. */
  async resetTerminated(options?: ExecuteOptions): Promise<void> {
    await this.run({ case: "resetTerminated", value: true }, options);
  }

  private async run(command: ManagerCommand, options?: ExecuteOptions): Promise<ManagerResult> {
    const responses = await executeCommand(
      this.session.client,
      { case: "command", value: { commandType: { case: "streamingQueryManagerCommand", value: { command } } } },
      options,
    );
    for (const response of responses) {
      if (response.responseType.case === "streamingQueryManagerCommandResult") return response.responseType.value.resultType;
    }
    return { case: undefined };
  }
}
