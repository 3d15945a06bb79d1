import { cpus, loadavg } from "node:os";

/** A positive integer from the environment (a benchmark knob), or `fallback` when unset. */
export function positiveInt(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive integer, got '${raw}'`);
  return value;
}

/** Progress on stderr, so that stdout carries only the results. */
export function log(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}

/** Warns when the host is already busy: timings taken under load are noise, not results. */
export function warnIfBusy(): number[] {
  const load = loadavg();
  if ((load[0] ?? 0) > cpus().length) log(`warning: load average ${load.map((l) => l.toFixed(1)).join(" ")} on ${cpus().length} cores: figures will be noisy`);
  return load;
}

/** Runs a benchmark's main: a failure is printed and sets a non-zero exit code. */
export function runBench(main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    log(`failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exitCode = 1;
  });
}
