import type { Table } from "apache-arrow";
import { resolveDecodeOptions, type DecodeOptions, type ResolvedDecodeOptions } from "../arrow/decode-options";
import { tableToIpc, rowsToTable } from "../arrow/encode";
import { parseConnectionString } from "../client/connection-string";
import { SparkConnectClient, type ClientOptions, type InterruptTarget } from "../client/spark-connect-client";
import { Catalog } from "./catalog";
import { DataFrame } from "./dataframe";
import { executeCommand } from "./execution";
import { toLiteral, type LiteralValue } from "./literal";
import { DataFrameReader } from "./reader";
import { DataStreamReader } from "./streaming/data-stream-reader";
import { StreamingQueryManager } from "./streaming/streaming-query-manager";
import type { RelationInit, RelType } from "./relation";
import { RuntimeConfig } from "./runtime-config";
import { StructType } from "./types";
import { parseDDLSchema } from "./ddl";

export interface SessionOptions extends ClientOptions, DecodeOptions {}

/**
 * The entry point, as PySpark's SparkSession: one server-side session, its configuration, and
 * the DataFrames built from it. Create one with `SparkSession.builder.remote(url).getOrCreate()`
 * or `SparkSession.connect(url)`.
 */
export class SparkSession {
  readonly conf: RuntimeConfig;
  /** Databases, tables, columns and the cache, as PySpark's `spark.catalog`. */
  readonly catalog: Catalog;
  readonly decodeOptions: ResolvedDecodeOptions;
  private planIds = 0n;
  private stopped = false;

  private constructor(
    readonly client: SparkConnectClient,
    options: SessionOptions,
  ) {
    this.conf = new RuntimeConfig(client);
    this.catalog = new Catalog(this);
    this.decodeOptions = resolveDecodeOptions(options);
  }

  /**
   * A session over a client without contacting the server: plans can be built and inspected
   * offline (the first action still needs a reachable server).
   */
  static fromClient(client: SparkConnectClient, options: SessionOptions = {}): SparkSession {
    return new SparkSession(client, options);
  }

  static get builder(): SparkSessionBuilder {
    return new SparkSessionBuilder();
  }

  /**
   * A new session on `connectionString`, or on SPARK_REMOTE when none is given, once the server
   * answers. It is this caller's own: the builder's getOrCreate does not hand it out.
   */
  static async connect(connectionString?: string, options: SessionOptions = {}): Promise<SparkSession> {
    const session = new SparkSession(new SparkConnectClient(resolveRemote(connectionString), options), options);
    try {
      await session.version(); // fail here, with the address, rather than at the first query
    } catch (error) {
      session.stop(); // nobody else holds the channel: do not leak it
      throw error;
    }
    return session;
  }

  get sessionId(): string {
    return this.client.sessionId;
  }

  /** The server's Spark version, e.g. "3.5.7". */
  async version(): Promise<string> {
    return (await this.client.analyze({ case: "sparkVersion", value: {} })).version;
  }

  /** Runs a SQL statement now (as PySpark does) and returns its result as a DataFrame. */
  async sql(query: string, args?: Readonly<Record<string, LiteralValue>> | readonly LiteralValue[]): Promise<DataFrame> {
    const named = args !== undefined && !Array.isArray(args) ? Object.fromEntries(Object.entries(args).map(([k, v]) => [k, toLiteral(v)])) : {};
    const positional = Array.isArray(args) ? (args as readonly LiteralValue[]).map(toLiteral) : [];
    const responses = await executeCommand(this.client, {
      case: "command",
      value: { commandType: { case: "sqlCommand", value: { sql: query, args: named, posArgs: positional } } },
    });
    const result = responses.find((r) => r.responseType.case === "sqlCommandResult");
    const relation = result?.responseType.case === "sqlCommandResult" ? result.responseType.value.relation : undefined;
    if (!relation) throw new Error("The server answered the SQL command without a result relation");
    return this.newDataFrame({ case: relation.relType.case, value: relation.relType.value } as RelType);
  }

  /** Longs from `start` (inclusive) to `end` (exclusive) by `step`, in a column named `id`. */
  range(start: number | bigint, end?: number | bigint, step: number | bigint = 1, numPartitions?: number): DataFrame {
    const [from, to] = end === undefined ? [0n, BigInt(start)] : [BigInt(start), BigInt(end)];
    return this.newDataFrame({
      case: "range",
      value: { start: from, end: to, step: BigInt(step), ...(numPartitions !== undefined && { numPartitions }) },
    });
  }

  get read(): DataFrameReader {
    return new DataFrameReader(this);
  }

  /** Streaming DataFrames: `spark.readStream.schema(ddl).csv(folder)`. */
  get readStream(): DataStreamReader {
    return new DataStreamReader(this);
  }

  /** The streaming queries of this session. */
  get streams(): StreamingQueryManager {
    return new StreamingQueryManager(this);
  }

  /** A DataFrame of a table or view by name. */
  table(name: string): DataFrame {
    return this.read.table(name);
  }

  /**
   * A DataFrame from local data: an Arrow table, or row objects with a schema (a StructType or a
   * DDL string such as `"id bigint, name string"`). Rows without a schema are typed from their
   * values (see `lit`). Rows may be of any object type (an interface needs no index signature).
   */
  createDataFrame(data: Table | readonly object[], schema?: StructType | string): DataFrame {
    const struct = typeof schema === "string" ? parseDDLSchema(schema) : schema;
    // Rows are read by their own enumerable keys only, as a Record.
    const table = Array.isArray(data) ? rowsToTable(data as readonly Record<string, unknown>[], struct) : (data as Table);
    return this.newDataFrame({
      case: "localRelation",
      value: { data: tableToIpc(table), ...(struct !== undefined && { schema: struct.toDDL() }) },
    });
  }

  // Tags: every operation this session runs carries them (Spark job tags), so a step's jobs and
  // stages can be found in the UI and interrupted together.
  addTag(tag: string): void {
    this.client.addTag(tag);
  }
  removeTag(tag: string): void {
    this.client.removeTag(tag);
  }
  getTags(): string[] {
    return this.client.getTags();
  }
  clearTags(): void {
    this.client.clearTags();
  }

  /** Interrupts all running operations of this session; returns their ids. */
  interruptAll(): Promise<string[]> {
    return this.interrupt({ all: true });
  }
  interruptTag(tag: string): Promise<string[]> {
    return this.interrupt({ tag });
  }
  interruptOperation(operationId: string): Promise<string[]> {
    return this.interrupt({ operationId });
  }

  /**
   * Closes the channel; the builder's getOrCreate no longer returns this session. Server-side
   * state (temp views, cache) lives until the server drops the session.
   */
  stop(): void {
    this.stopped = true;
    this.client.close();
    for (const [endpoint, session] of builtSessions) if (session === this) builtSessions.delete(endpoint);
  }

  get isStopped(): boolean {
    return this.stopped;
  }

  /** @internal A new DataFrame over a relation of this session, with a fresh plan id. */
  newDataFrame(relType: RelType): DataFrame {
    const relation: RelationInit = { common: { planId: this.planIds++ }, relType };
    return new DataFrame(this, relation);
  }

  private interrupt(target: InterruptTarget): Promise<string[]> {
    return this.client.interrupt(target);
  }
}

/**
 * The open session the builder made for each endpoint (connection string, parsed, so that
 * spellings of one address agree), as PySpark keeps its default session.
 */
const builtSessions = new Map<string, Promise<SparkSession> | SparkSession>();

/**
 * `SparkSession.builder`, as PySpark's: `remote(url)`, `config(key, value)`, then `getOrCreate()`
 * (the open session of that endpoint if there is one, else a new one) or `create()` (always new).
 */
export class SparkSessionBuilder {
  private url: string | undefined;
  private readonly configs = new Map<string, string>();
  private options: SessionOptions = {};

  /** The Spark Connect connection string; SPARK_REMOTE when not given. */
  remote(url: string): this {
    this.url = url;
    return this;
  }

  /** A session configuration, set on the server as the session is created (or, by getOrCreate, on the session it returns). */
  config(key: string, value: string | number | boolean): this {
    this.configs.set(key, String(value));
    return this;
  }

  /** Client and decoding options of a session this builder creates (an existing session keeps its own). */
  withOptions(options: SessionOptions): this {
    this.options = { ...this.options, ...options };
    return this;
  }

  /**
   * The open session this builder made for the same endpoint, with this builder's configuration
   * applied, as PySpark's getOrCreate; a new one (see create) when there is none, or it was stopped.
   * Concurrent calls share one session.
   */
  async getOrCreate(): Promise<SparkSession> {
    const known = builtSessions.get(endpointKey(resolveRemote(this.url)));
    const session = known === undefined ? undefined : await Promise.resolve(known).catch(() => undefined);
    if (session === undefined || session.isStopped) return this.create();
    await this.applyConfigs(session);
    return session;
  }

  /** Always a new session (configured, once the server answers), which getOrCreate then returns for its endpoint. */
  async create(): Promise<SparkSession> {
    const endpoint = endpointKey(resolveRemote(this.url));
    const creating = this.connect();
    builtSessions.set(endpoint, creating);
    try {
      const session = await creating;
      if (builtSessions.get(endpoint) === creating) builtSessions.set(endpoint, session);
      return session;
    } catch (error) {
      if (builtSessions.get(endpoint) === creating) builtSessions.delete(endpoint);
      throw error;
    }
  }

  private async connect(): Promise<SparkSession> {
    const session = await SparkSession.connect(this.url, this.options);
    try {
      await this.applyConfigs(session);
    } catch (error) {
      session.stop();
      throw error;
    }
    return session;
  }

  private async applyConfigs(session: SparkSession): Promise<void> {
    for (const [key, value] of this.configs) await session.conf.set(key, value);
  }
}

function resolveRemote(connectionString: string | undefined): string {
  const remote = connectionString ?? process.env.SPARK_REMOTE;
  if (remote === undefined || remote === "") throw new Error("No Spark Connect server given: pass a connection string or set SPARK_REMOTE");
  return remote;
}

/** One key for every spelling of an endpoint (`sc://h:15002`, `sc://h:15002/`, `sc://h`), keeping what makes sessions differ (user, token, session id). */
function endpointKey(connectionString: string): string {
  const params = parseConnectionString(connectionString);
  return JSON.stringify(Object.entries(params).sort(([a], [b]) => (a < b ? -1 : 1)));
}
