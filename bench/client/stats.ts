export { median } from "../../src/lib/stats/descriptive";

/** Milliseconds since `start` (a performance.now() reading), to 0.01 ms. */
export function elapsedMs(start: number): number {
  return Math.round((performance.now() - start) * 100) / 100;
}
