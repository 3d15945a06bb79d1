import type { TestProject } from "vitest/node" with { "resolution-mode": "import" };
import { LocalSparkConnectServer } from "../../src/server/local-server";

declare module "vitest" {
  export interface ProvidedContext {
    sparkRemote: string;
    sparkUiUrl: string;
  }
}

/**
 * Starts the one Spark Connect server of this test run, unless SPARK_REMOTE names one already
 * (then the tests run against it and nothing is started).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const remote = process.env.SPARK_REMOTE;
  if (remote) {
    project.provide("sparkRemote", remote);
    project.provide("sparkUiUrl", process.env.SPARK_UI_URL ?? "");
    return () => Promise.resolve();
  }
  const server = await LocalSparkConnectServer.start({
    heap: "3g",
    conf: {
      // Small data: a few shuffle partitions keep each test fast on two cores.
      "spark.sql.shuffle.partitions": "4",
      // Cut every result stream after 1 MiB so that reattachment is exercised for real: a larger
      // result only arrives whole if the client reattaches after each cut.
      "spark.connect.execute.reattachable.senderMaxStreamSize": "1m",
    },
  });
  project.provide("sparkRemote", server.url);
  project.provide("sparkUiUrl", server.uiUrl);
  return () => server.stop();
}
