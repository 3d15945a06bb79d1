import { readFileSync, writeFileSync } from "node:fs";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

/**
 * A full GC between runs, so one run's garbage does not inflate the next run's RSS. `gc` is only
 * exposed with --expose-gc; the bench runs under plain `tsx`, so the flag is set at run time and
 * the function fetched from a fresh context, where V8 installs it.
 */
export const collectGarbage: () => void = (() => {
  setFlagsFromString("--expose-gc");
  return runInNewContext("gc") as () => void;
})();

export interface RssPeak {
  /** RSS just before the run started. */
  readonly baselineBytes: number;
  /** The highest RSS seen during the run: the kernel's high-water mark when it could be reset, else sampling. */
  readonly peakBytes: number;
  /** How peakBytes was obtained. */
  readonly source: "VmHWM" | "sampled";
}

/**
 * Tracks this process's peak RSS over one run. Sampling every 20 ms alone would miss the peak
 * whenever synchronous work (decoding a whole table to rows) blocks the event loop, so it resets
 * the kernel's VmHWM (write 5 to /proc/self/clear_refs, Linux ≥ 4.0) and reads it at the end;
 * the samples are the fallback where /proc is not writable.
 */
export class PeakRssTracker {
  private sampledPeak: number;
  private readonly baseline: number;
  private readonly hwmReset: boolean;
  private readonly timer: NodeJS.Timeout;

  constructor(intervalMs = 20) {
    this.baseline = process.memoryUsage.rss();
    this.sampledPeak = this.baseline;
    this.hwmReset = resetHighWaterMark();
    this.timer = setInterval(() => {
      this.sample();
    }, intervalMs);
    this.timer.unref();
  }

  stop(): RssPeak {
    clearInterval(this.timer);
    this.sample();
    const hwm = this.hwmReset ? readStatusBytes("VmHWM") : undefined;
    return hwm === undefined
      ? { baselineBytes: this.baseline, peakBytes: this.sampledPeak, source: "sampled" }
      : { baselineBytes: this.baseline, peakBytes: Math.max(hwm, this.sampledPeak), source: "VmHWM" };
  }

  private sample(): void {
    this.sampledPeak = Math.max(this.sampledPeak, process.memoryUsage.rss());
  }
}

function resetHighWaterMark(): boolean {
  try {
    writeFileSync("/proc/self/clear_refs", "5");
    return true;
  } catch {
    return false;
  }
}

function readStatusBytes(field: string): number | undefined {
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB$`, "m").exec(readFileSync("/proc/self/status", "utf8"));
    return match?.[1] === undefined ? undefined : Number(match[1]) * 1024;
  } catch {
    return undefined;
  }
}
