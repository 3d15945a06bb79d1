import { afterAll, describe, expect, it } from "vitest";
// Through the public entry point, as a user imports it.
import { functions as F, SparkError } from "../../src/connect";
import { useSpark } from "../support/spark";

const spark = useSpark();
afterAll(() => {
  spark.stop();
});

describe("SparkSession", () => {
  it("reports the server's Spark 3.5 version", async () => {
    expect(await spark.version()).toMatch(/^3\.5\.\d+$/);
  });

  it("runs a range query and returns the rows a JS computation gives", async () => {
    const rows = await spark
      .range(1, 11)
      .withColumn("sq", F.col("id").multiply(F.col("id")))
      .filter(F.col("id").mod(3).eq(0))
      .collect();
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
