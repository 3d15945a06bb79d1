import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";

/** The project root: the folder holding package.json and jvm/pom.xml above this file. */
export function projectRoot(): string {
  let dir = resolve(__dirname);
  for (;;) {
    if (existsSync(join(dir, "jvm", "pom.xml")) && existsSync(join(dir, "package.json"))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`Cannot find the Insights project root above ${__dirname}`);
    dir = parent;
  }
}

/** Where `scripts/setup.mjs` puts the Spark runtime (jars, IDL). Git-ignored. */
export function sparkHome(): string {
  return process.env.INSIGHTS_SPARK_HOME ?? join(projectRoot(), ".spark");
}

/** Where runs write their logs, event logs and outputs. Git-ignored. */
export function runsRoot(): string {
  return process.env.INSIGHTS_RUNS_DIR ?? join(projectRoot(), ".insights", "runs");
}
