/**
 * Spark Connect connection strings, `sc://host:port/;key=value;...`, with the same keys and
 * meaning as PySpark's SPARK_REMOTE (see Spark's connector/connect/docs/client-connection-string.md).
 */

export const DEFAULT_PORT = 15002;

export interface ConnectionParams {
  readonly host: string;
  readonly port: number;
  /** Bearer token sent with every call; setting it turns TLS on, as in PySpark. */
  readonly token?: string;
  readonly useSsl: boolean;
  readonly userId?: string;
  readonly userAgent?: string;
  /** Reuse a server-side session; must be a UUID. */
  readonly sessionId?: string;
  /** Keys the standard does not define: sent to the server as gRPC metadata, as PySpark does. */
  readonly extraHeaders: Readonly<Record<string, string>>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export class ConnectionStringError extends Error {
  constructor(connectionString: string, reason: string) {
    super(`Invalid Spark Connect connection string '${redact(connectionString)}': ${reason}`);
    this.name = "ConnectionStringError";
  }
}

/** Hides the token so that errors and logs never leak it. */
export function redact(connectionString: string): string {
  return connectionString.replace(/(;token=)[^;]*/g, "$1***");
}

export function parseConnectionString(connectionString: string): ConnectionParams {
  const fail = (reason: string): never => {
    throw new ConnectionStringError(connectionString, reason);
  };
  if (!connectionString.startsWith("sc://")) fail("the scheme must be sc://");
  const rest = connectionString.slice("sc://".length);
  const slash = rest.indexOf("/");
  const authority = slash === -1 ? rest : rest.slice(0, slash);
  const tail = slash === -1 ? "" : rest.slice(slash + 1);
  if (authority === "") fail("the host is missing");

  const { host, port } = splitAuthority(authority, fail);
  const segments = tail.split(";");
  if (segments[0] !== "") fail("the path must be empty (parameters start with '/;')");

  const raw = new Map<string, string>();
  for (const segment of segments.slice(1)) {
    if (segment === "") continue;
    const eq = segment.indexOf("=");
    if (eq <= 0) fail(`parameter '${segment}' is not key=value`);
    raw.set(segment.slice(0, eq), decodeURIComponent(segment.slice(eq + 1)));
  }

  const take = (key: string): string | undefined => {
    const value = raw.get(key);
    raw.delete(key);
    return value;
  };
  const token = take("token");
  const useSslText = take("use_ssl");
  if (useSslText !== undefined && !/^(true|false)$/i.test(useSslText)) fail(`use_ssl must be true or false, not '${useSslText}'`);
  const userId = take("user_id");
  const userAgent = take("user_agent");
  const sessionId = take("session_id");
  if (sessionId !== undefined && !UUID.test(sessionId)) fail(`session_id must be a UUID, not '${sessionId}'`);

  return {
    host,
    port,
    useSsl: token !== undefined || useSslText?.toLowerCase() === "true",
    extraHeaders: Object.fromEntries(raw),
    ...(token !== undefined && { token }),
    ...(userId !== undefined && { userId }),
    ...(userAgent !== undefined && { userAgent }),
    ...(sessionId !== undefined && { sessionId }),
  };
}

function splitAuthority(authority: string, fail: (reason: string) => never): { host: string; port: number } {
  // Bracketed IPv6 literal: sc://[::1]:15002
  const match = /^(\[[^\]]+\]|[^:[\]]+)(?::(\d*))?$/.exec(authority);
  if (!match) return fail(`cannot read host and port from '${authority}'`);
  const host = match[1] ?? "";
  const portText = match[2];
  if (portText === undefined) return { host, port: DEFAULT_PORT };
  const port = Number(portText);
  if (portText === "" || !Number.isInteger(port) || port < 1 || port > 65535) return fail(`port '${portText}' is not in 1..65535`);
  return { host, port };
}

/** The gRPC target (`host:port`) for a parsed connection string. */
export function grpcTarget(params: ConnectionParams): string {
  return `${params.host}:${params.port}`;
}
