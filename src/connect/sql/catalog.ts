import type { MessageInitShape } from "@bufbuild/protobuf";
import type { CatalogSchema } from "../proto/gen/spark/connect/catalog_pb";
import type { ExecuteOptions } from "../client/spark-connect-client";
import type { SparkSession } from "./session";
import type { StorageLevel } from "./storage-level";

type CatalogCall = NonNullable<MessageInitShape<typeof CatalogSchema>["catType"]>;

/** A database (namespace), as PySpark's `Database`. */
export interface Database {
  readonly name: string;
  readonly catalog: string | null;
  readonly description: string | null;
  readonly locationUri: string;
}

/** A table or view, as PySpark's catalog `Table` (named so beside Arrow's Table). */
export interface CatalogTable {
  readonly name: string;
  readonly catalog: string | null;
  /** The database of a permanent table (`["default"]`); empty for a temporary view. */
  readonly namespace: string[];
  readonly description: string | null;
  /** MANAGED, EXTERNAL, VIEW or TEMPORARY. */
  readonly tableType: string;
  readonly isTemporary: boolean;
}

/** A column of a table, as PySpark's catalog `Column` (named so beside the expression Column). */
export interface CatalogColumn {
  readonly name: string;
  readonly description: string | null;
  /** The type's DDL spelling, e.g. `bigint`, `array<string>`. */
  readonly dataType: string;
  readonly nullable: boolean;
  readonly isPartition: boolean;
  readonly isBucket: boolean;
}

/** A catalog of the session, as PySpark's `CatalogMetadata`. */
export interface CatalogMetadata {
  readonly name: string;
  readonly description: string | null;
}

/**
 * `spark.catalog`, as PySpark's Catalog: databases, tables, columns and the cache of the session,
 * answered by the server's catalog (Spark Connect's Catalog relation, one round trip each).
 */
export class Catalog {
  constructor(private readonly session: SparkSession) {}

  async currentCatalog(options?: ExecuteOptions): Promise<string> {
    return this.value<string>({ case: "currentCatalog", value: {} }, options);
  }

  async setCurrentCatalog(catalogName: string, options?: ExecuteOptions): Promise<void> {
    await this.rows({ case: "setCurrentCatalog", value: { catalogName } }, options);
  }

  /** The catalogs, those whose name matches `pattern` (SQL LIKE-style `*` and `|`) when given. */
  async listCatalogs(pattern?: string, options?: ExecuteOptions): Promise<CatalogMetadata[]> {
    return this.rows<CatalogMetadata>({ case: "listCatalogs", value: pattern === undefined ? {} : { pattern } }, options);
  }

  async currentDatabase(options?: ExecuteOptions): Promise<string> {
    return this.value<string>({ case: "currentDatabase", value: {} }, options);
  }

  /** Makes `dbName` the database that unqualified table names resolve in, for this session. */
  async setCurrentDatabase(dbName: string, options?: ExecuteOptions): Promise<void> {
    await this.rows({ case: "setCurrentDatabase", value: { dbName } }, options);
  }

  async listDatabases(pattern?: string, options?: ExecuteOptions): Promise<Database[]> {
    return this.rows<Database>({ case: "listDatabases", value: pattern === undefined ? {} : { pattern } }, options);
  }

  async databaseExists(dbName: string, options?: ExecuteOptions): Promise<boolean> {
    return this.value<boolean>({ case: "databaseExists", value: { dbName } }, options);
  }

  /** The tables and views of `dbName` (the current database when not given), temporary views included. */
  async listTables(dbName?: string, pattern?: string, options?: ExecuteOptions): Promise<CatalogTable[]> {
    return this.rows<CatalogTable>(
      { case: "listTables", value: { ...(dbName !== undefined && { dbName }), ...(pattern !== undefined && { pattern }) } },
      options,
    );
  }

  /** Whether a table or view exists: `tableName` may be qualified (`db.t`), or looked up in `dbName`. */
  async tableExists(tableName: string, dbName?: string, options?: ExecuteOptions): Promise<boolean> {
    return this.value<boolean>({ case: "tableExists", value: { tableName, ...(dbName !== undefined && { dbName }) } }, options);
  }

  async listColumns(tableName: string, dbName?: string, options?: ExecuteOptions): Promise<CatalogColumn[]> {
    return this.rows<CatalogColumn>({ case: "listColumns", value: { tableName, ...(dbName !== undefined && { dbName }) } }, options);
  }

  /** Whether a function (built-in, temporary or permanent) of that name exists. */
  async functionExists(functionName: string, dbName?: string, options?: ExecuteOptions): Promise<boolean> {
    return this.value<boolean>({ case: "functionExists", value: { functionName, ...(dbName !== undefined && { dbName }) } }, options);
  }

  /** Drops a temporary view; false when there was none of that name. */
  async dropTempView(viewName: string, options?: ExecuteOptions): Promise<boolean> {
    return this.value<boolean>({ case: "dropTempView", value: { viewName } }, options);
  }

  async dropGlobalTempView(viewName: string, options?: ExecuteOptions): Promise<boolean> {
    return this.value<boolean>({ case: "dropGlobalTempView", value: { viewName } }, options);
  }

  async isCached(tableName: string, options?: ExecuteOptions): Promise<boolean> {
    return this.value<boolean>({ case: "isCached", value: { tableName } }, options);
  }

  /**
   * Caches a table or view, at `storageLevel` or the server's default (Scala's MEMORY_AND_DISK,
   * deserialized: StorageLevel.MEMORY_AND_DISK_DESER).
   */
  async cacheTable(tableName: string, storageLevel?: StorageLevel, options?: ExecuteOptions): Promise<void> {
    await this.rows({ case: "cacheTable", value: { tableName, ...(storageLevel && { storageLevel: storageLevel.toProto() }) } }, options);
  }

  async uncacheTable(tableName: string, options?: ExecuteOptions): Promise<void> {
    await this.rows({ case: "uncacheTable", value: { tableName } }, options);
  }

  /** Empties the cache: every cached table and DataFrame, of every session of the server (Spark's cache is shared). */
  async clearCache(options?: ExecuteOptions): Promise<void> {
    await this.rows({ case: "clearCache", value: {} }, options);
  }

  /** Forgets the cached metadata and data of a table, so that the next read sees files changed outside Spark. */
  async refreshTable(tableName: string, options?: ExecuteOptions): Promise<void> {
    await this.rows({ case: "refreshTable", value: { tableName } }, options);
  }

  /** Runs a catalog call; the server answers with a relation whose rows are the result. */
  private async rows<T extends object>(call: CatalogCall, options: ExecuteOptions = {}): Promise<T[]> {
    return this.session.newDataFrame({ case: "catalog", value: { catType: call } }).collect<T>(options);
  }

  /** The one value of a call answered with one row of one column. */
  private async value<T>(call: CatalogCall, options?: ExecuteOptions): Promise<T> {
    const [row] = await this.rows<Record<string, unknown>>(call, options);
    const values = row === undefined ? [] : Object.values(row);
    if (values.length !== 1) throw new Error(`The server answered the catalog call ${String(call.case)} with ${String(values.length)} values, not one`);
    return values[0] as T;
  }
}
