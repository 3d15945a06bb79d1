import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SparkError, StorageLevel } from "../../src/connect";
import { useSpark } from "../support/spark";

const spark = useSpark();
let dir: string;
// Databases are the server's, shared by every session: names of this file's own.
const db = "insights_catalog_test";
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "insights-catalog-"));
  await spark.sql(`CREATE DATABASE ${db} COMMENT 'for the catalog tests'`);
  await spark.sql(`CREATE TABLE ${db}.events (id INT, kind STRING, day STRING) USING parquet PARTITIONED BY (day)`);
  await spark.sql(`INSERT INTO ${db}.events VALUES (1, 'a', '2024-01-01'), (2, 'b', '2024-01-02')`);
});
afterAll(async () => {
  await spark.catalog.setCurrentDatabase("default");
  await spark.sql(`DROP DATABASE IF EXISTS ${db} CASCADE`);
  rmSync(dir, { recursive: true, force: true });
});

describe("spark.catalog: databases", () => {
  it("has the session catalog and its default database current", async () => {
    expect(await spark.catalog.currentCatalog()).toBe("spark_catalog");
    expect((await spark.catalog.listCatalogs()).map((c) => c.name)).toContain("spark_catalog");
    expect(await spark.catalog.currentDatabase()).toBe("default");
  });

  it("lists and finds databases, and switches the current one", async () => {
    const listed = await spark.catalog.listDatabases();
    expect(listed.map((d) => d.name)).toEqual(expect.arrayContaining(["default", db]));
    expect(await spark.catalog.listDatabases("insights_catalog_*")).toMatchObject([
      { name: db, catalog: "spark_catalog", description: "for the catalog tests" },
    ]);
    expect(await spark.catalog.databaseExists(db)).toBe(true);
    expect(await spark.catalog.databaseExists("insights_no_such_db")).toBe(false);

    await spark.catalog.setCurrentDatabase(db);
    try {
      expect(await spark.catalog.currentDatabase()).toBe(db);
      // Unqualified names now resolve in it.
      expect(await spark.catalog.tableExists("events")).toBe(true);
    } finally {
      await spark.catalog.setCurrentDatabase("default");
    }
    await expect(spark.catalog.setCurrentDatabase("insights_no_such_db")).rejects.toThrow(SparkError);
  });
});

describe("spark.catalog: tables and columns", () => {
  it("lists a database's tables, and the session's temporary views as temporary", async () => {
    await spark.range(3).createOrReplaceTempView("catalog_test_view");
    const tables = await spark.catalog.listTables(db);
    const byName = new Map(tables.map((t) => [t.name, t]));
    expect(byName.get("events")).toEqual({
      name: "events",
      catalog: "spark_catalog",
      namespace: [db],
      description: null,
      tableType: "MANAGED",
      isTemporary: false,
    });
    // A temporary view belongs to no catalog, and its identifier has an empty namespace.
    expect(byName.get("catalog_test_view")).toEqual({
      name: "catalog_test_view",
      catalog: null,
      namespace: [],
      description: null,
      tableType: "TEMPORARY",
      isTemporary: true,
    });
    expect((await spark.catalog.listTables(db, "ev*")).map((t) => t.name)).toEqual(["events"]);
  });

  it("tells whether tables exist, by qualified name or in a database", async () => {
    expect(await spark.catalog.tableExists(`${db}.events`)).toBe(true);
    expect(await spark.catalog.tableExists("events", db)).toBe(true);
    expect(await spark.catalog.tableExists("events")).toBe(false); // not in the current database
    expect(await spark.catalog.tableExists("no_such_table", db)).toBe(false);
  });

  it("lists a table's columns, data columns first, partition columns flagged", async () => {
    expect(await spark.catalog.listColumns(`${db}.events`)).toEqual([
      { name: "id", description: null, dataType: "int", nullable: true, isPartition: false, isBucket: false },
      { name: "kind", description: null, dataType: "string", nullable: true, isPartition: false, isBucket: false },
      { name: "day", description: null, dataType: "string", nullable: true, isPartition: true, isBucket: false },
    ]);
    expect((await spark.catalog.listColumns("events", db)).map((c) => c.name)).toEqual(["id", "kind", "day"]);
  });

  it("finds functions, and drops temporary views", async () => {
    expect(await spark.catalog.functionExists("percentile_approx")).toBe(true);
    expect(await spark.catalog.functionExists("insights_no_such_function")).toBe(false);
    await spark.range(1).createOrReplaceTempView("catalog_test_dropped");
    expect(await spark.catalog.dropTempView("catalog_test_dropped")).toBe(true);
    expect(await spark.catalog.dropTempView("catalog_test_dropped")).toBe(false);
    expect(await spark.catalog.tableExists("catalog_test_dropped")).toBe(false);
  });
});

describe("spark.catalog: cache", () => {
  it("caches and uncaches tables, at a chosen storage level, and clears the cache", async () => {
    const name = `${db}.events`;
    expect(await spark.catalog.isCached(name)).toBe(false);
    await spark.catalog.cacheTable(name);
    expect(await spark.catalog.isCached(name)).toBe(true);
    // The server's default level is Scala's MEMORY_AND_DISK, which keeps objects deserialized.
    expect((await spark.table(name).storageLevel()).equals(StorageLevel.MEMORY_AND_DISK_DESER)).toBe(true);
    await spark.catalog.uncacheTable(name);
    expect(await spark.catalog.isCached(name)).toBe(false);

    await spark.catalog.cacheTable(name, StorageLevel.DISK_ONLY);
    expect((await spark.table(name).storageLevel()).equals(StorageLevel.DISK_ONLY)).toBe(true);
    await spark.catalog.clearCache();
    expect(await spark.catalog.isCached(name)).toBe(false);
  });

  it("refreshes a table whose files changed behind its back", async () => {
    const path = join(dir, "external");
    await spark.range(0, 5).write.parquet(path);
    await spark.sql(`CREATE TABLE ${db}.external (id BIGINT) USING parquet LOCATION '${path}'`);
    expect(await spark.table(`${db}.external`).count()).toBe(5);
    // Written through the path, not the table: the table's cached file listing does not know.
    await spark.range(5, 12).write.mode("append").parquet(path);
    expect(await spark.table(`${db}.external`).count()).toBe(5);
    await spark.catalog.refreshTable(`${db}.external`);
    expect(await spark.table(`${db}.external`).count()).toBe(12);
  });
});
