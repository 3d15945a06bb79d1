import { inject } from "vitest";
import { SparkSession } from "../../src/connect/sql/session";
import type { SessionOptions } from "../../src/connect/sql/session";

/** A new session on the run's shared server (each test file gets its own session). */
export function connect(options: SessionOptions = {}): Promise<SparkSession> {
  return SparkSession.connect(inject("sparkRemote"), options);
}

/** The shared server's Spark UI (empty when SPARK_REMOTE is used without SPARK_UI_URL). */
export function uiUrl(): string {
  return inject("sparkUiUrl");
}
