/**
 * A streaming query's progress report (Spark's StreamingQueryProgress), as the server sends it:
 * one JSON object per micro-batch. Only the fields worth reading from a client are typed; the
 * parsed object keeps all the others.
 */
export interface StreamingQueryProgress {
  readonly id: string;
  readonly runId: string;
  readonly name: string | null;
  /** When the trigger fired (ISO 8601, UTC). */
  readonly timestamp: string;
  readonly batchId: number;
  /** Rows read by this micro-batch, over all sources. */
  readonly numInputRows: number;
  readonly inputRowsPerSecond?: number;
  readonly processedRowsPerSecond?: number;
  /** Milliseconds spent per phase: `triggerExecution` is the whole micro-batch, `addBatch` the sink's write. */
  readonly durationMs: Readonly<Record<string, number>>;
  /** Event-time statistics (`min`, `max`, `avg`, `watermark`) when the query has an event-time column. */
  readonly eventTime?: Readonly<Record<string, string>>;
  readonly stateOperators: readonly StateOperatorProgress[];
  readonly sources: readonly SourceProgress[];
  readonly sink: { readonly description: string; readonly numOutputRows?: number };
}

/** One stateful operator's state after a micro-batch. */
export interface StateOperatorProgress {
  readonly operatorName: string;
  /** Keys held in state. */
  readonly numRowsTotal: number;
  /** Keys this micro-batch changed. */
  readonly numRowsUpdated: number;
  readonly memoryUsedBytes: number;
  readonly numRowsDroppedByWatermark?: number;
}

/** One source's offsets and rows in a micro-batch (offsets are source-specific JSON). */
export interface SourceProgress {
  readonly description: string;
  readonly startOffset: unknown;
  readonly endOffset: unknown;
  readonly numInputRows: number;
}

/** A streaming query's status (Spark's StreamingQueryStatus). */
export interface StreamingQueryStatus {
  /** What the query is doing, e.g. "Waiting for next trigger", "Processing new data". */
  readonly message: string;
  readonly isDataAvailable: boolean;
  readonly isTriggerActive: boolean;
  readonly isActive: boolean;
}

/** Parses one progress report; throws when the JSON lacks the fields every report carries. */
export function parseProgress(json: string): StreamingQueryProgress {
  const parsed = JSON.parse(json) as Partial<StreamingQueryProgress> | null;
  if (parsed === null || typeof parsed !== "object" || typeof parsed.id !== "string" || typeof parsed.batchId !== "number") {
    throw new Error(`Not a streaming progress report: ${json.slice(0, 200)}`);
  }
  return { durationMs: {}, stateOperators: [], sources: [], sink: { description: "" }, numInputRows: 0, ...parsed } as StreamingQueryProgress;
}
