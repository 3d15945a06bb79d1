import { randomUUID } from "node:crypto";
import { userInfo } from "node:os";
import { create, type MessageInitShape } from "@bufbuild/protobuf";
import { status as GrpcStatus } from "@grpc/grpc-js";
import {
  AnalyzePlanRequestSchema,
  AnalyzePlanResponseSchema,
  ConfigRequestSchema,
  ConfigResponseSchema,
  ExecutePlanRequestSchema,
  ExecutePlanResponseSchema,
  InterruptRequestSchema,
  InterruptRequest_InterruptType,
  InterruptResponseSchema,
  ReattachExecuteRequestSchema,
  ReleaseExecuteRequestSchema,
  ReleaseExecuteResponseSchema,
  type AnalyzePlanRequest,
  type AnalyzePlanResponse,
  type ConfigResponse,
  type ExecutePlanResponse,
} from "../proto/gen/spark/connect/base_pb";
import { parseConnectionString, type ConnectionParams } from "./connection-string";
import { OperationAbortedError, fromServiceError, isServiceError, isTransient, type OperationContext } from "./errors";
import { GrpcTransport } from "./grpc-transport";
import { ReleaseQueue } from "./release-queue";

export const CLIENT_TYPE = "insights-ts";

/** Result bytes read between two ReleaseExecute calls of a long result. */
const RELEASE_STEP_BYTES = 8 * 1024 * 1024;

export interface ClientOptions {
  /** Largest gRPC message in either direction; match the server's grpc.maxInboundMessageSize. */
  readonly maxMessageBytes?: number;
  /** How often a broken result stream is reattached before the operation fails. */
  readonly maxReattachRetries?: number;
}

export interface ExecuteOptions {
  /** Aborting stops reading and interrupts the operation on the server. */
  readonly signal?: AbortSignal;
  /** Milliseconds until the operation is aborted (and interrupted on the server). */
  readonly timeoutMs?: number;
  /** Tags for this operation on top of the session's tags. */
  readonly tags?: readonly string[];
  /** Called with the operation id once the request is sent, so that callers can interrupt it. */
  readonly onOperationId?: (operationId: string) => void;
  /**
   * Called before each ReattachExecute, i.e. whenever the server cut the result stream (see
   * spark.connect.execute.reattachable.senderMaxStreamSize/Duration) or the channel broke.
   */
  readonly onReattach?: (event: ReattachEvent) => void;
}

export interface ReattachEvent {
  readonly operationId: string;
  /** The last response received before the cut; the server resumes after it. */
  readonly lastResponseId: string | undefined;
  /** Why: the server ended the stream early, or a transient gRPC failure. */
  readonly cause: "stream-ended" | "transient-error";
}

export type InterruptTarget = { readonly all: true } | { readonly tag: string } | { readonly operationId: string };

type AnalyzeCase = NonNullable<AnalyzePlanRequest["analyze"]["case"]>;
type AnalyzeInit = MessageInitShape<typeof AnalyzePlanRequestSchema>["analyze"];
type AnalyzeResult<C extends AnalyzeCase> = Extract<AnalyzePlanResponse["result"], { case: C }>["value"];

/**
 * The RPC layer of one Spark Connect session: session id, user context and client type on every
 * request; ExecutePlan as a reattachable stream; AnalyzePlan, Config and Interrupt.
 */
export class SparkConnectClient {
  readonly sessionId: string;
  readonly params: ConnectionParams;
  private readonly transport: GrpcTransport;
  private readonly userContext: { userId: string; userName: string };
  private readonly maxReattachRetries: number;
  private readonly tags = new Set<string>();
  private closed = false;

  constructor(connection: string | ConnectionParams, options: ClientOptions = {}) {
    this.params = typeof connection === "string" ? parseConnectionString(connection) : connection;
    this.sessionId = this.params.sessionId ?? randomUUID();
    const userId = this.params.userId ?? safeUserName();
    this.userContext = { userId, userName: userId };
    this.maxReattachRetries = options.maxReattachRetries ?? 5;
    this.transport = new GrpcTransport(this.params, {
      userAgent: this.params.userAgent ?? `${CLIENT_TYPE} node/${process.versions.node}`,
      ...(options.maxMessageBytes !== undefined && { maxMessageBytes: options.maxMessageBytes }),
    });
  }

  get target(): string {
    return this.transport.target;
  }

  get userId(): string {
    return this.userContext.userId;
  }

  addTag(tag: string): void {
    this.tags.add(validateTag(tag));
  }

  removeTag(tag: string): void {
    this.tags.delete(validateTag(tag));
  }

  getTags(): string[] {
    return [...this.tags];
  }

  clearTags(): void {
    this.tags.clear();
  }

  /**
   * Runs a plan and yields its responses as they arrive. The execution is reattachable: when the
   * server ends the stream early (senderMaxStreamDuration/Size) or the channel breaks, the client
   * reattaches after the last response it saw, so every response arrives exactly once. Consumed
   * responses are released so the server can drop its buffer.
   */
  async *execute(plan: MessageInitShape<typeof ExecutePlanRequestSchema>["plan"], options: ExecuteOptions = {}): AsyncGenerator<ExecutePlanResponse> {
    this.assertOpen();
    const operationId = randomUUID();
    const context: OperationContext = { rpc: "ExecutePlan", operationId, target: this.target };
    const tags = [...this.tags, ...(options.tags ?? []).map(validateTag)];
    const signal = withTimeout(options.signal, options.timeoutMs);
    // Same error whether the signal fired before or during the call.
    if (signal?.aborted) throw new OperationAbortedError(context, signal.reason);

    const request = create(ExecutePlanRequestSchema, {
      sessionId: this.sessionId,
      userContext: this.userContext,
      clientType: CLIENT_TYPE,
      operationId,
      plan,
      tags,
      requestOptions: [{ requestOption: { case: "reattachOptions", value: { reattachable: true } } }],
    });
    options.onOperationId?.(operationId);

    let lastResponseId: string | undefined;
    let complete = false;
    let retries = 0;
    let unreleasedBytes = 0;
    let current: ReturnType<GrpcTransport["serverStream"]> | undefined;
    const releases = new ReleaseQueue((release) => this.release(operationId, release));
    const onAbort = (): void => {
      current?.cancel();
      void this.interrupt({ operationId }).catch(() => undefined);
    };
    signal?.addEventListener("abort", onAbort, { once: true });

    try {
      // After the first stream (cut, or broken) the operation is resumed with ReattachExecute.
      let reattach = false;
      let reattachCause: ReattachEvent["cause"] = "stream-ended";
      while (!complete) {
        // An abort between streams (during a backoff delay, or as one ended) must not reattach.
        if (signal?.aborted) throw new OperationAbortedError(context, signal.reason);
        if (reattach) options.onReattach?.({ operationId, lastResponseId, cause: reattachCause });
        current = reattach
          ? this.transport.serverStream(
              "ReattachExecute",
              ReattachExecuteRequestSchema,
              ExecutePlanResponseSchema,
              create(ReattachExecuteRequestSchema, {
                sessionId: this.sessionId,
                userContext: this.userContext,
                clientType: CLIENT_TYPE,
                operationId,
                ...(lastResponseId !== undefined && { lastResponseId }),
              }),
            )
          : this.transport.serverStream("ExecutePlan", ExecutePlanRequestSchema, ExecutePlanResponseSchema, request);
        const rpc = reattach ? "ReattachExecute" : "ExecutePlan";
        try {
          for await (const response of current as AsyncIterable<ExecutePlanResponse>) {
            retries = 0; // the budget is for consecutive failures, not for a long result's lifetime
            lastResponseId = response.responseId;
            if (response.responseType.case === "resultComplete") complete = true;
            yield response;
            // The server keeps sent responses for a possible reattach until released. Release in
            // steps of RELEASE_STEP_BYTES of results, not per response: for a small result a
            // release RPC per response costs more server time than it frees memory, and once the
            // result is complete one releaseAll (below) frees everything.
            if (response.responseType.case === "arrowBatch") unreleasedBytes += response.responseType.value.data.byteLength;
            if (!complete && unreleasedBytes >= RELEASE_STEP_BYTES) {
              releases.push({ case: "releaseUntil", value: { responseId: response.responseId } });
              unreleasedBytes = 0;
            }
          }
          // A stream that ends without ResultComplete has more to come: reattach (not an error).
          reattach = true;
          reattachCause = "stream-ended";
        } catch (error) {
          if (signal?.aborted) throw new OperationAbortedError(context, signal.reason);
          if (isTransient(error) && retries < this.maxReattachRetries) {
            // The ExecutePlan may have reached the server: resume it rather than start it twice.
            retries += 1;
            reattach = true;
            reattachCause = "transient-error";
            await delay(Math.min(50 * 2 ** retries, 2_000));
            continue;
          }
          // The first ExecutePlan never reached the server (or it dropped the operation before
          // sending anything): start it again, with the same operation id.
          if (
            reattach &&
            lastResponseId === undefined &&
            isServiceError(error) &&
            error.code !== GrpcStatus.INVALID_ARGUMENT &&
            /OPERATION_NOT_FOUND/.test(error.details)
          ) {
            reattach = false;
            continue;
          }
          throw isServiceError(error) ? fromServiceError(error, { ...context, rpc }) : error;
        }
      }
    } finally {
      signal?.removeEventListener("abort", onAbort);
      if (!complete) {
        // The consumer stopped early (break, error, abort): free the server's resources now.
        current?.cancel();
        if (!signal?.aborted) void this.interrupt({ operationId }).catch(() => undefined);
      }
      // Not awaited, as PySpark does: the caller has its result and need not wait a round trip
      // for the server to free the operation's buffers.
      releases.push({ case: "releaseAll", value: {} });
    }
  }

  async analyze<C extends AnalyzeCase>(analyze: AnalyzeInit & { case: C }): Promise<AnalyzeResult<C>> {
    this.assertOpen();
    const request = create(AnalyzePlanRequestSchema, {
      sessionId: this.sessionId,
      userContext: this.userContext,
      clientType: CLIENT_TYPE,
      analyze,
    });
    const response = await this.call("AnalyzePlan", () => this.transport.unary("AnalyzePlan", AnalyzePlanRequestSchema, AnalyzePlanResponseSchema, request));
    if (response.result.case !== analyze.case) {
      throw new Error(`AnalyzePlan(${analyze.case}) answered ${String(response.result.case)}`);
    }
    return response.result.value as unknown as AnalyzeResult<C>;
  }

  async config(operation: MessageInitShape<typeof ConfigRequestSchema>["operation"]): Promise<ConfigResponse> {
    this.assertOpen();
    const request = create(ConfigRequestSchema, {
      sessionId: this.sessionId,
      userContext: this.userContext,
      clientType: CLIENT_TYPE,
      operation,
    });
    return this.call("Config", () => this.transport.unary("Config", ConfigRequestSchema, ConfigResponseSchema, request));
  }

  /** Interrupts running operations of this session; returns the ids of those interrupted. */
  async interrupt(target: InterruptTarget): Promise<string[]> {
    this.assertOpen();
    const request = create(InterruptRequestSchema, {
      sessionId: this.sessionId,
      userContext: this.userContext,
      clientType: CLIENT_TYPE,
      ...("all" in target
        ? { interruptType: InterruptRequest_InterruptType.ALL }
        : "tag" in target
          ? { interruptType: InterruptRequest_InterruptType.TAG, interrupt: { case: "operationTag", value: validateTag(target.tag) } }
          : { interruptType: InterruptRequest_InterruptType.OPERATION_ID, interrupt: { case: "operationId", value: target.operationId } }),
    });
    const response = await this.call("Interrupt", () => this.transport.unary("Interrupt", InterruptRequestSchema, InterruptResponseSchema, request));
    return response.interruptedIds;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.transport.close();
  }

  private async release(operationId: string, release: MessageInitShape<typeof ReleaseExecuteRequestSchema>["release"]): Promise<void> {
    const request = create(ReleaseExecuteRequestSchema, {
      sessionId: this.sessionId,
      userContext: this.userContext,
      clientType: CLIENT_TYPE,
      operationId,
      release,
    });
    await this.transport.unary("ReleaseExecute", ReleaseExecuteRequestSchema, ReleaseExecuteResponseSchema, request);
  }

  private async call<T>(rpc: string, send: () => Promise<T>): Promise<T> {
    try {
      return await send();
    } catch (error) {
      throw isServiceError(error) ? fromServiceError(error, { rpc, target: this.target }) : error;
    }
  }

  private assertOpen(): void {
    if (this.closed) throw new Error(`The Spark Connect session ${this.sessionId} is closed`);
  }
}

/** Spark rejects empty tags and tags with commas (they are joined with commas in job properties). */
function validateTag(tag: string): string {
  if (tag === "" || tag.includes(",")) throw new Error(`Invalid operation tag '${tag}': it must be non-empty and contain no comma`);
  return tag;
}

function withTimeout(signal: AbortSignal | undefined, timeoutMs: number | undefined): AbortSignal | undefined {
  if (timeoutMs === undefined) return signal;
  const timeout = AbortSignal.timeout(timeoutMs);
  return signal ? AbortSignal.any([signal, timeout]) : timeout;
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function safeUserName(): string {
  try {
    return process.env.USER ?? userInfo().username;
  } catch {
    return "insights";
  }
}
