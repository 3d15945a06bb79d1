import { RecordBatchReader, Table, type RecordBatch } from "apache-arrow";
import type { ExecuteOptions, SparkConnectClient } from "../client/spark-connect-client";
import type { ExecutePlanResponse } from "../proto/gen/spark/connect/base_pb";
import type { ResolvedDecodeOptions } from "../arrow/decode-options";
import { literalToValue } from "./literal-value";
import type { Observation } from "./observation";
import type { RelationInit } from "./relation";

/** What a query execution reports besides its rows. */
export interface ExecutionHooks {
  readonly observations?: ReadonlyMap<string, Observation>;
  readonly decode: ResolvedDecodeOptions;
}

/**
 * Runs a relation and yields its Arrow record batches as they arrive, one response at a time:
 * nothing is buffered beyond the batch being read. Observed metrics are handed to their
 * Observation objects when they arrive (after the last batch).
 */
export async function* executeRelation(
  client: SparkConnectClient,
  relation: RelationInit,
  hooks: ExecutionHooks,
  options: ExecuteOptions = {},
): AsyncGenerator<RecordBatch> {
  for await (const response of client.execute({ opType: { case: "root", value: relation } }, options)) {
    if (response.responseType.case === "arrowBatch") {
      yield* RecordBatchReader.from(response.responseType.value.data);
    }
    recordObservations(response, hooks);
  }
}

/** Runs a relation to completion and returns its result as one Arrow table. */
export async function collectTable(client: SparkConnectClient, relation: RelationInit, hooks: ExecutionHooks, options?: ExecuteOptions): Promise<Table> {
  const batches: RecordBatch[] = [];
  for await (const batch of executeRelation(client, relation, hooks, options)) batches.push(batch);
  return new Table(batches);
}

/** Runs a command (write, view, SQL statement) and returns the responses that carry results. */
export async function executeCommand(
  client: SparkConnectClient,
  command: Extract<Parameters<SparkConnectClient["execute"]>[0], object>["opType"] & { case: "command" },
  options?: ExecuteOptions,
): Promise<ExecutePlanResponse[]> {
  const results: ExecutePlanResponse[] = [];
  for await (const response of client.execute({ opType: command }, options)) {
    if (response.responseType.case !== undefined && response.responseType.case !== "resultComplete") results.push(response);
  }
  return results;
}

function recordObservations(response: ExecutePlanResponse, hooks: ExecutionHooks): void {
  for (const observed of response.observedMetrics) {
    hooks.observations?.get(observed.name)?.record(observed.values.map((v) => literalToValue(v, hooks.decode)));
  }
}
