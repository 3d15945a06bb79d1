import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SparkError } from "../../src/connect/client/errors";
import { col } from "../../src/connect/sql/functions";
import type { SparkSession } from "../../src/connect/sql/session";
import { connect } from "../support/spark";

let spark: SparkSession;
beforeAll(async () => {
  spark = await connect();
});
afterAll(() => { spark.stop(); });

describe("SparkSession", () => {
  it("reports the server's Spark 3.5 version", async () => {
    expect(await spark.version()).toMatch(/^3\.5\.\d+$/);
  });

  it("runs a range query and returns the rows a JS computation gives", async () => {
    const rows = await spark.range(1, 11).withColumn("sq", col("id").multiply(col("id"))).filter(col("id").mod(3).eq(0)).collect();
    const expected = [3, 6, 9].map((id) => ({ id, sq: id * id }));
    expect(rows).toEqual(expected);
  });

  it("turns bad SQL into a SparkError with Spark's error class", async () => {
    const error = await spark.sql("SELECT nope FROM no_such_table").then(
      (df) => df.collect(),
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(SparkError);
    expect((error as SparkError).errorClass).toBe("TABLE_OR_VIEW_NOT_FOUND");
  });
});
