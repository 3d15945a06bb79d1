import { afterAll, describe, expect, inject, it } from "vitest";
import { OperationAbortedError, SparkConnectionError, SparkError } from "../../src/connect/client/errors";
import type { ExecuteOptions } from "../../src/connect/client/spark-connect-client";
import { SparkSession } from "../../src/connect/sql/session";
import { connect, useSpark } from "../support/spark";
import { operationJobTag, userJobTag, waitForJobs } from "../support/spark-ui";

const spark = useSpark();
afterAll(() => {
  spark.stop();
});

/** What an awaited promise settled with: its error, or "resolved". */
async function outcome(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => "resolved",
    (e: unknown) => e,
  );
}

describe("runtime configuration", () => {
  it("sets, reads, lists and unsets session configuration", async () => {
    const key = "spark.insights.test.alpha";
    expect(await spark.conf.getOption(key)).toBeUndefined();
    expect(await spark.conf.get(key, "fallback")).toBe("fallback");
    await spark.conf.set(key, 42);
    await spark.conf.set("spark.insights.test.beta", true);
    expect(await spark.conf.get(key)).toBe("42");
    expect(await spark.conf.get(key, "fallback")).toBe("42");
    expect(await spark.conf.getOption(key)).toBe("42");

    const all = await spark.conf.getAll();
    expect(all[key]).toBe("42");
    expect(all["spark.sql.shuffle.partitions"]).toBe("4"); // how the test server was started
    expect(await spark.conf.getAll("spark.insights.test.")).toEqual({ "spark.insights.test.alpha": "42", "spark.insights.test.beta": "true" });

    await spark.conf.unset(key);
    await spark.conf.unset("spark.insights.test.beta");
    expect(await spark.conf.getOption(key)).toBeUndefined();
    expect(await spark.conf.getAll("spark.insights.test.")).toEqual({});
    // Without a default, an unset key is Spark's error, not a silent undefined.
    const missing = await outcome(spark.conf.get(key));
    expect(missing).toBeInstanceOf(SparkError);
    expect((missing as SparkError).errorClass).toBe("SQL_CONF_NOT_FOUND");
  });

  it("changes query behaviour through the session's SQL configuration", async () => {
    await spark.conf.set("spark.sql.shuffle.partitions", 3);
    try {
      const rows = await spark.range(0, 100).groupBy("id").count().selectExpr("spark_partition_id() AS p").distinct().collect();
      expect(rows.length).toBeLessThanOrEqual(3);
      expect(await spark.conf.get("spark.sql.shuffle.partitions")).toBe("3");
    } finally {
      await spark.conf.set("spark.sql.shuffle.partitions", 4);
    }
  });

  it("tells runtime SQL configuration from static configuration", async () => {
    expect(await spark.conf.isModifiable("spark.sql.shuffle.partitions")).toBe(true);
    expect(await spark.conf.isModifiable("spark.sql.warehouse.dir")).toBe(false); // static SQL conf
    expect(await spark.conf.isModifiable("spark.executor.memory")).toBe(false); // core conf
  });
});

describe("SparkSession.builder", () => {
  it("creates a session with configuration set on the server", async () => {
    const built = await SparkSession.builder
      .remote(inject("sparkRemote"))
      .config("spark.sql.shuffle.partitions", 5)
      .config("spark.insights.flag", true)
      .getOrCreate();
    try {
      expect(built.sessionId).not.toBe(spark.sessionId);
      expect(await built.conf.get("spark.sql.shuffle.partitions")).toBe("5");
      expect(await built.conf.get("spark.insights.flag")).toBe("true");
      // Session configuration is per session.
      expect(await spark.conf.get("spark.sql.shuffle.partitions")).toBe("4");
    } finally {
      built.stop();
    }
  });

  it("getOrCreate returns the open session of the same endpoint, however spelled, with the new configuration applied", async () => {
    const remote = inject("sparkRemote");
    // The same endpoint with an empty parameter list: `sc://host:port/;`.
    const respelled = remote.includes("/;") ? `${remote};` : `${remote}/;`;
    const first = await SparkSession.builder.remote(remote).getOrCreate();
    try {
      const again = await SparkSession.builder.remote(respelled).config("spark.insights.test.reused", "yes").getOrCreate();
      expect(again).toBe(first);
      expect(await first.conf.get("spark.insights.test.reused")).toBe("yes");
      // A session of its own (connect) is never handed out.
      expect(first).not.toBe(spark);
      expect(first.sessionId).not.toBe(spark.sessionId);
    } finally {
      first.stop();
    }
  });

  it("create always makes a new session, which getOrCreate then returns; a stopped one is not returned", async () => {
    const remote = inject("sparkRemote");
    const [a, b] = await Promise.all([SparkSession.builder.remote(remote).getOrCreate(), SparkSession.builder.remote(remote).getOrCreate()]);
    const created = await SparkSession.builder.remote(remote).create();
    try {
      expect(b).toBe(a); // concurrent calls share one
      expect(created).not.toBe(a);
      expect(created.sessionId).not.toBe(a.sessionId);
      expect(await SparkSession.builder.remote(remote).getOrCreate()).toBe(created);

      created.stop();
      expect(created.isStopped).toBe(true);
      const next = await SparkSession.builder.remote(remote).getOrCreate();
      expect(next).not.toBe(created);
      expect(next.isStopped).toBe(false);
      expect(await next.range(3).count()).toBe(3);
      next.stop();
    } finally {
      a.stop();
      created.stop();
    }
  });

  it("rejects configuration a session cannot change", async () => {
    const error = await outcome(SparkSession.builder.remote(inject("sparkRemote")).config("spark.sql.warehouse.dir", "/elsewhere").getOrCreate());
    expect(error).toBeInstanceOf(SparkError);
    // 3.5 raises this one without an error class (a legacy message), so none is reported.
    expect((error as SparkError).message).toContain("static config: spark.sql.warehouse.dir");
    expect((error as SparkError).exceptionClasses[0]).toBe("org.apache.spark.sql.AnalysisException");
  });
});

describe("SparkSession.sql", () => {
  it("binds named parameters", async () => {
    const a = 19;
    const b = 23;
    const name = "it's";
    const rows = await (await spark.sql("SELECT :a + :b AS total, upper(:name) AS shout, :flag AS flag", { a, b, name, flag: true })).collect();
    expect(rows).toEqual([{ total: a + b, shout: name.toUpperCase(), flag: true }]);
  });

  it("binds positional parameters", async () => {
    const rows = await (await spark.sql("SELECT id FROM range(?, ?) WHERE id % ? = 0", [3, 20, 4])).collect();
    const expected = [];
    for (let id = 3; id < 20; id++) if (id % 4 === 0) expected.push({ id });
    expect(rows).toEqual(expected);
  });

  it("runs DDL eagerly and queries over temp views", async () => {
    await spark.sql("CREATE OR REPLACE TEMP VIEW admin_squares AS SELECT id, id * id AS sq FROM range(5)");
    const rows = await (await spark.sql("SELECT sum(sq) AS total FROM admin_squares")).collect();
    expect(rows).toEqual([{ total: [0, 1, 2, 3, 4].reduce((acc, x) => acc + x * x, 0) }]);
  });

  it("builds ranges like Python's range", async () => {
    const ids = async (df: ReturnType<SparkSession["range"]>): Promise<unknown[]> => (await df.collect()).map((r) => r.id);
    expect(await ids(spark.range(4))).toEqual([0, 1, 2, 3]);
    expect(await ids(spark.range(10, 0, -3))).toEqual([10, 7, 4, 1]);
    expect(await ids(spark.range(2n, 9n, 2n, 3))).toEqual([2, 4, 6, 8]);
  });
});

describe("errors", () => {
  it("reports analysis errors with Spark's error class", async () => {
    const missingTable = await outcome(spark.sql("SELECT * FROM admin_no_such_table"));
    expect(missingTable).toBeInstanceOf(SparkError);
    expect((missingTable as SparkError).errorClass).toBe("TABLE_OR_VIEW_NOT_FOUND");
    expect((missingTable as SparkError).exceptionClasses).toContain("org.apache.spark.sql.AnalysisException");

    const missingColumn = await outcome(spark.range(3).selectExpr("nope").collect());
    expect((missingColumn as SparkError).errorClass).toMatch(/^UNRESOLVED_COLUMN\./);
    expect((missingColumn as SparkError).message).toContain("nope");
  });

  it("reads the error class of parse errors, whose message starts with a line break", async () => {
    const error = await outcome(spark.sql("SELEC 1"));
    expect(error).toBeInstanceOf(SparkError);
    expect((error as SparkError).errorClass).toBe("PARSE_SYNTAX_ERROR");
    expect((error as SparkError).message).toMatch(/^\[PARSE_SYNTAX_ERROR\]/);
  });

  it("reports runtime errors of a job", async () => {
    await spark.conf.set("spark.sql.ansi.enabled", true);
    try {
      const error = await outcome(spark.range(1, 4).selectExpr("10 / (id - 2) AS x").collect());
      expect(error).toBeInstanceOf(SparkError);
      // The failed job is a SparkException without a class; the task's cause has one.
      expect((error as SparkError).errorClass).toBe("DIVIDE_BY_ZERO");
      // Spark 3.5 sends no SQLSTATE (its ErrorInfo metadata has only the JVM class names); the
      // client does not make one up.
      expect((error as SparkError).sqlState).toBeUndefined();
    } finally {
      await spark.conf.unset("spark.sql.ansi.enabled");
    }
  });

  it("names the address when the server cannot be reached", async () => {
    const error = await outcome(SparkSession.connect("sc://127.0.0.1:1"));
    expect(error).toBeInstanceOf(SparkConnectionError);
    expect((error as SparkConnectionError).message).toContain("127.0.0.1:1");
  });
});

describe("tags and interruption", () => {
  /** A query that runs for hours unless interrupted. */
  const longQuery = (options: ExecuteOptions): Promise<unknown> => outcome(spark.range(0, 1e12).selectExpr("sum(id) AS s").collect(options));

  /** Starts the long query and waits until its job runs; returns the operation id and the result. */
  async function startLongQuery(options: ExecuteOptions = {}): Promise<{ operationId: string; result: Promise<unknown>; tag: string }> {
    let operationId = "";
    const result = longQuery({
      ...options,
      onOperationId: (id) => {
        operationId = id;
      },
    });
    const tag = operationJobTag(spark.client.userId, spark.sessionId, operationId);
    await waitForJobs(tag, (js) => js.some((j) => j.status === "RUNNING"));
    return { operationId, result, tag };
  }

  /**
   * Interruption cancels the job: the REST API shows it FAILED (Spark's status for a cancelled
   * job), not RUNNING or SUCCEEDED. (Its tasks may not have started yet, so killed tasks vary.)
   */
  async function expectJobCancelled(tag: string): Promise<void> {
    const ended = await waitForJobs(tag, (js) => js.every((j) => j.status !== "RUNNING"));
    for (const job of ended) expect(job.status).toBe("FAILED");
  }

  it("keeps the session's tags and puts them on the jobs of its operations", async () => {
    expect(spark.getTags()).toEqual([]);
    spark.addTag("admin-a");
    spark.addTag("admin-b");
    spark.addTag("admin-a");
    expect(spark.getTags().sort()).toEqual(["admin-a", "admin-b"]);
    spark.removeTag("admin-b");
    expect(spark.getTags()).toEqual(["admin-a"]);
    expect(() => {
      spark.addTag("with,comma");
    }).toThrow(/comma/);
    expect(() => {
      spark.addTag("");
    }).toThrow();

    let operationId = "";
    await spark
      .range(0, 1000, 1, 2)
      .selectExpr("sum(id)")
      .collect({
        tags: ["admin-op"],
        onOperationId: (id) => {
          operationId = id;
        },
      });
    spark.clearTags();
    expect(spark.getTags()).toEqual([]);

    // Spark 3.5 lists the job tags in the REST API: one for the operation, one per user tag.
    const jobsOfOperation = await waitForJobs(operationJobTag(spark.client.userId, spark.sessionId, operationId), () => true);
    for (const job of jobsOfOperation) {
      expect(job.jobTags).toEqual(
        expect.arrayContaining([userJobTag(spark.client.userId, spark.sessionId, "admin-a"), userJobTag(spark.client.userId, spark.sessionId, "admin-op")]),
      );
      expect(job.jobTags?.some((t) => t.endsWith("_Tag_admin-b"))).toBe(false);
    }

    // After clearTags, new operations carry none of the user tags.
    let untaggedId = "";
    await spark
      .range(0, 10, 1, 1)
      .selectExpr("sum(id)")
      .collect({
        onOperationId: (id) => {
          untaggedId = id;
        },
      });
    const untagged = await waitForJobs(operationJobTag(spark.client.userId, spark.sessionId, untaggedId), () => true);
    for (const job of untagged) expect(job.jobTags?.some((t) => t.includes("_Tag_"))).toBe(false);
  });

  it("interrupts the operations with a tag", async () => {
    const { operationId, result, tag } = await startLongQuery({ tags: ["admin-long"] });
    expect(await spark.interruptTag("admin-long")).toEqual([operationId]);
    const error = await result;
    expect(error).toBeInstanceOf(SparkError);
    expect((error as SparkError).errorClass).toBe("OPERATION_CANCELED");
    await expectJobCancelled(tag);
  });

  it("interrupts one operation by id", async () => {
    const { operationId, result, tag } = await startLongQuery();
    expect(await spark.interruptOperation(operationId)).toEqual([operationId]);
    expect(((await result) as SparkError).errorClass).toBe("OPERATION_CANCELED");
    await expectJobCancelled(tag);
  });

  it("interrupts all operations of the session, and only of this session", async () => {
    const other = await connect();
    try {
      let otherId = "";
      const otherQuery = other
        .range(0, 2_000_000, 1, 2)
        .selectExpr("sum(id) AS s")
        .collect({
          onOperationId: (id) => {
            otherId = id;
          },
        });
      const { operationId, result, tag } = await startLongQuery();
      const interrupted = await spark.interruptAll();
      expect(interrupted).toContain(operationId);
      expect(interrupted).not.toContain(otherId);
      expect(((await result) as SparkError).errorClass).toBe("OPERATION_CANCELED");
      await expectJobCancelled(tag);
      const n = 2_000_000;
      expect(await otherQuery).toEqual([{ s: (n * (n - 1)) / 2 }]);
    } finally {
      other.stop();
    }
  });

  it("aborts an operation by AbortSignal and interrupts it on the server", async () => {
    const controller = new AbortController();
    const { result, tag } = await startLongQuery({ signal: controller.signal });
    controller.abort(new Error("user went away"));
    const error = await result;
    expect(error).toBeInstanceOf(OperationAbortedError);
    expect((error as OperationAbortedError).message).toContain("user went away");
    await expectJobCancelled(tag);
  });

  it("aborts an operation after timeoutMs and interrupts it on the server", async () => {
    let operationId = "";
    const started = Date.now();
    const error = await longQuery({
      timeoutMs: 2_500,
      onOperationId: (id) => {
        operationId = id;
      },
    });
    expect(error).toBeInstanceOf(OperationAbortedError);
    expect(Date.now() - started).toBeGreaterThanOrEqual(2_400);
    await expectJobCancelled(operationJobTag(spark.client.userId, spark.sessionId, operationId));
  });

  it("rejects with OperationAbortedError when the signal fired before the call", async () => {
    const error = await outcome(spark.range(3).collect({ signal: AbortSignal.abort("too late") }));
    expect(error).toBeInstanceOf(OperationAbortedError);
    // The session stays usable.
    expect(await spark.range(3).count()).toBe(3);
  });
});
