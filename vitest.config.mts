import { defineConfig } from "vitest/config";

/**
 * Two projects. `unit`: pure TypeScript, no JVM (runs with no Java installed: `npm run test:unit`).
 * `spark`: every `*.spark.test.ts`, against one Spark Connect server for the whole run (or
 * SPARK_REMOTE's), shared by every test file. Test folders mirror src/'s layers.
 */
export default defineConfig({
  test: {
    maxWorkers: 2,
    projects: [
      {
        test: {
          name: "unit",
          include: ["test/**/*.test.ts"],
          exclude: ["test/**/*.spark.test.ts"],
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: "spark",
          include: ["test/**/*.spark.test.ts"],
          globalSetup: ["test/support/global-setup.ts"],
          pool: "forks",
          testTimeout: 120_000,
          hookTimeout: 240_000,
        },
      },
    ],
  },
});
