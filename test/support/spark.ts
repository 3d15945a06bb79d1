import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, inject } from "vitest";
import type { DataFrame, Row } from "../../src/connect";
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

export interface UseSparkOptions extends SessionOptions {
  /** Session configuration set before the file's tests run. */
  readonly conf?: Readonly<Record<string, string | number | boolean>>;
}

/**
 * The test file's own session on the shared server, opened before its tests and stopped after
 * them: `const spark = useSpark();` at the top of the file, then `spark` in hooks and tests.
 *
 * What it returns stands in for the session (a SparkSession by prototype) and forwards every
 * property to the real one, which exists only once the file's first beforeAll has run: that is
 * why the declaration can sit at the top level. Call it before the file's own hooks, so that
 * they see an open session and their afterAll runs before the session stops.
 */
export function useSpark(options: UseSparkOptions = {}): SparkSession {
  let session: SparkSession | undefined;
  beforeAll(async () => {
    session = await connect(options);
    for (const [key, value] of Object.entries(options.conf ?? {})) await session.conf.set(key, value);
  });
  afterAll(() => {
    session?.stop();
  });
  return new Proxy(Object.create(SparkSession.prototype) as SparkSession, {
    get(_target, key) {
      if (session === undefined) throw new Error("useSpark(): the session is used before the file's beforeAll hooks ran");
      const value: unknown = Reflect.get(session, key, session);
      return typeof value === "function" ? (value as (...args: unknown[]) => unknown).bind(session) : value;
    },
  });
}

/** A fresh temporary folder for the test file, removed with everything in it after its tests. */
export function useTempDir(prefix = "insights-test-"): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });
  return dir;
}

/** The given columns of every collected row, in the DataFrame's order. */
export async function rowsOf(df: DataFrame, columns: readonly string[]): Promise<unknown[][]> {
  return (await df.collect()).map((row: Row) => columns.map((column) => row[column]));
}

/**
 * Asserts that `df`'s rows, as the given columns, equal `expected` (derived by the test, by hand
 * or by brute force): in order, or as multisets when `unordered` (a DataFrame without orderBy
 * has no order to assert).
 */
export async function expectRows(
  df: DataFrame,
  columns: readonly string[],
  expected: readonly (readonly unknown[])[],
  options: { unordered?: boolean } = {},
): Promise<void> {
  const actual = await rowsOf(df, columns);
  if (options.unordered !== true) {
    expect(actual).toEqual(expected);
    return;
  }
  const key = (row: readonly unknown[]): string => JSON.stringify(row, (_k, value: unknown) => (typeof value === "bigint" ? `${value}n` : value));
  expect(actual.map(key).sort()).toEqual(expected.map(key).sort());
}
