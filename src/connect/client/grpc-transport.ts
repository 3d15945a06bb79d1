import { fromBinary, toBinary, type DescMessage, type MessageShape } from "@bufbuild/protobuf";
import * as grpc from "@grpc/grpc-js";
import { grpcTarget, type ConnectionParams } from "./connection-string";

/** Spark Connect's default grpc.maxInboundMessageSize; both directions are matched to it. */
export const DEFAULT_MAX_MESSAGE_BYTES = 128 * 1024 * 1024;

export interface TransportOptions {
  readonly maxMessageBytes?: number;
  readonly userAgent: string;
}

const SERVICE = "/spark.connect.SparkConnectService/";

/**
 * A gRPC channel to one Spark Connect endpoint, typed by the protobuf-es descriptors generated
 * from the server jar's IDL. Adds the connection string's token and extra headers to every call.
 */
export class GrpcTransport {
  readonly target: string;
  private readonly client: grpc.Client;
  private readonly headers: grpc.Metadata;

  constructor(params: ConnectionParams, options: TransportOptions) {
    this.target = grpcTarget(params);
    const maxBytes = options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES;
    this.client = new grpc.Client(this.target, credentialsFor(params), {
      "grpc.max_receive_message_length": maxBytes,
      "grpc.max_send_message_length": maxBytes,
      "grpc.primary_user_agent": options.userAgent,
      // HTTP/2's default 64 KiB flow-control window makes the server wait for a window update
      // every 64 KiB of a 4 MiB Arrow batch; a window of a few batches keeps results streaming.
      "grpc-node.flow_control_window": 16 * 1024 * 1024,
      // Long result streams sit idle while Spark computes; keep the connection alive through NATs.
      // Not more often than every 5 minutes: Spark's gRPC server (grpc-java) permits no more by
      // default and answers a third early ping during a silent call with GOAWAY "too_many_pings",
      // which fails any command that runs 90 s without a response (a long write, say).
      "grpc.keepalive_time_ms": 300_000,
      "grpc.keepalive_permit_without_calls": 1,
    });
    this.headers = new grpc.Metadata();
    for (const [key, value] of Object.entries(params.extraHeaders)) this.headers.set(key, value);
    // Without TLS the token would travel in clear text: connection strings with a token imply TLS.
    if (params.token !== undefined) this.headers.set("authorization", `Bearer ${params.token}`);
  }

  unary<I extends DescMessage, O extends DescMessage>(
    method: string,
    input: I,
    output: O,
    request: MessageShape<I>,
    signal?: AbortSignal,
  ): Promise<MessageShape<O>> {
    return new Promise((resolve, reject) => {
      const call = this.client.makeUnaryRequest(
        SERVICE + method,
        (message: MessageShape<I>) => Buffer.from(toBinary(input, message)),
        (bytes: Buffer) => fromBinary(output, bytes),
        request,
        this.headers.clone(),
        (error, response) => {
          signal?.removeEventListener("abort", cancel);
          if (error) reject(error);
          else if (response === undefined) reject(new Error(`${method} returned no message`));
          else resolve(response);
        },
      );
      const cancel = (): void => {
        call.cancel();
      };
      signal?.addEventListener("abort", cancel, { once: true });
    });
  }

  /** A server stream; iterate it with `for await`, cancel it with `cancel()`. */
  serverStream<I extends DescMessage, O extends DescMessage>(
    method: string,
    input: I,
    output: O,
    request: MessageShape<I>,
  ): grpc.ClientReadableStream<MessageShape<O>> {
    return this.client.makeServerStreamRequest(
      SERVICE + method,
      (message: MessageShape<I>) => Buffer.from(toBinary(input, message)),
      (bytes: Buffer) => fromBinary(output, bytes),
      request,
      this.headers.clone(),
    );
  }

  close(): void {
    this.client.close();
  }
}

function credentialsFor(params: ConnectionParams): grpc.ChannelCredentials {
  return params.useSsl ? grpc.credentials.createSsl() : grpc.credentials.createInsecure();
}
