import { fromBinary } from "@bufbuild/protobuf";
import { status as GrpcStatus, type ServiceError } from "@grpc/grpc-js";
import { ErrorInfoSchema } from "../proto/gen/google/rpc/error_details_pb";
import { StatusSchema } from "../proto/gen/google/rpc/status_pb";

/** What the client was doing when Spark failed: shown in messages and kept for callers. */
export interface OperationContext {
  readonly rpc: string;
  readonly operationId?: string;
  readonly target: string;
}

/**
 * A failure reported by Spark: an analysis error, a runtime error in a job, an interrupted
 * operation. Carries Spark's error class and SQLSTATE when the server sent them. Spark 4 puts
 * both in the google.rpc.ErrorInfo metadata attached to the gRPC status; a 3.5 server sends
 * neither there (only the JVM class names), so the error class is read from the message's
 * `[CLASS]` prefix and `sqlState` stays undefined: 3.5 does not transmit it at all.
 */
export class SparkError extends Error {
  constructor(
    message: string,
    readonly errorClass: string | undefined,
    readonly sqlState: string | undefined,
    /** JVM exception classes, most specific first, as the server lists them. */
    readonly exceptionClasses: readonly string[],
    readonly messageParameters: Readonly<Record<string, string>>,
    readonly grpcCode: number,
    readonly operation: OperationContext,
  ) {
    super(message);
    this.name = "SparkError";
  }
}

/** The server could not be reached or the channel broke: says where it tried to connect. */
export class SparkConnectionError extends Error {
  constructor(
    message: string,
    readonly grpcCode: number,
    readonly operation: OperationContext,
  ) {
    super(message);
    this.name = "SparkConnectionError";
  }
}

/** The caller's AbortSignal or timeout ended the operation; the server was asked to interrupt it. */
export class OperationAbortedError extends Error {
  constructor(
    readonly operation: OperationContext,
    readonly reason: unknown,
  ) {
    super(`${operation.rpc} ${operation.operationId ?? ""} aborted: ${describe(reason)}`.replace("  ", " "));
    this.name = "OperationAbortedError";
  }
}

function describe(reason: unknown): string {
  if (reason instanceof Error) return reason.message;
  return typeof reason === "string" ? reason : "aborted by the caller";
}

const CONNECTION_CODES = new Set<number>([GrpcStatus.UNAVAILABLE, GrpcStatus.DEADLINE_EXCEEDED]);

export function isServiceError(error: unknown): error is ServiceError {
  return error instanceof Error && typeof (error as Partial<ServiceError>).code === "number" && "metadata" in error;
}

/** Whether a failed call is worth retrying on a fresh stream (the server may still hold the operation). */
export function isTransient(error: unknown): boolean {
  return isServiceError(error) && CONNECTION_CODES.has(error.code);
}

/** Turns a gRPC failure into a SparkError or a SparkConnectionError. */
export function fromServiceError(error: ServiceError, operation: OperationContext): SparkError | SparkConnectionError {
  if (CONNECTION_CODES.has(error.code)) {
    return new SparkConnectionError(
      `Cannot reach Spark Connect at ${operation.target} (${operation.rpc}): ${error.details || error.message}`,
      error.code,
      operation,
    );
  }
  const info = readErrorInfo(error);
  const meta = info?.metadata ?? {};
  const exceptionClasses = parseJsonArray(meta.classes) ?? (info?.reason ? [info.reason] : []);
  const messageParameters = parseJsonObject(meta.messageParameters) ?? {};
  return new SparkError(
    (error.details || error.message).trim(),
    meta.errorClass ?? errorClassFromMessage(error.details),
    meta.sqlState,
    exceptionClasses,
    messageParameters,
    error.code,
    operation,
  );
}

function readErrorInfo(error: ServiceError): { reason: string; metadata: Record<string, string> } | undefined {
  const raw = error.metadata.get("grpc-status-details-bin")[0];
  if (!(raw instanceof Buffer)) return undefined;
  const status = fromBinary(StatusSchema, raw);
  for (const detail of status.details) {
    if (detail.typeUrl.endsWith("/google.rpc.ErrorInfo")) {
      const info = fromBinary(ErrorInfoSchema, detail.value);
      return { reason: info.reason, metadata: info.metadata };
    }
  }
  return undefined;
}

/**
 * Spark's messages start with `[ERROR_CLASS.SUB_CLASS] ...`: the only place a 3.5 server puts the
 * error class (its ErrorInfo metadata holds just "classes" and, optionally, "stackTrace"). Parse
 * errors start with a line break before the bracket. A failed job is a SparkException without a
 * class ("Job aborted due to stage failure: ... SparkArithmeticException: [DIVIDE_BY_ZERO] ..."):
 * then the class of the task's exception, the actual cause, is what callers need to branch on.
 */
function errorClassFromMessage(message: string): string | undefined {
  return /^\s*\[([A-Z0-9_.]+)\]/.exec(message)?.[1] ?? /[\w$.]+(?:Exception|Error): \[([A-Z0-9_.]+)\]/.exec(message)?.[1];
}

function parseJsonArray(text: string | undefined): string[] | undefined {
  if (text === undefined) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? value.map(String) : undefined;
  } catch {
    return undefined;
  }
}

function parseJsonObject(text: string | undefined): Record<string, string> | undefined {
  if (text === undefined) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    if (value === null || typeof value !== "object" || Array.isArray(value)) return undefined;
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, String(v)]));
  } catch {
    return undefined;
  }
}
