import type { QualitySummary } from "../../domain/data/quality/quality-summary";

/** A check a scheduled run passes before it publishes anything. */
export interface QualityGate {
  readonly gate: string;
  readonly limit: string;
  readonly measured: string;
  readonly status: "pass" | "fail";
}

/**
 * The gates a daily run would hold its outputs back on. Limits are policy, not physics: a share
 * of rejected rows or of unmatched users far above the usual level means an upstream change
 * (a new app version writing a new format, a broken metadata export) that a person should see
 * before the numbers reach a dashboard.
 */
export const GATE_LIMITS = { quarantinedShare: 0.01, interactionsWithoutMetadata: 0.05 } as const;

export function qualityGates(quality: QualitySummary): QualityGate[] {
  const share = (part: number, whole: number): number => (whole === 0 ? 0 : part / whole);
  const percent = (x: number): string => `${(x * 100).toFixed(2)}%`;
  const gate = (name: string, limit: string, measured: string, ok: boolean): QualityGate => ({ gate: name, limit, measured, status: ok ? "pass" : "fail" });
  const interactionsRejected = share(quality.interactions.quarantined, quality.interactions.read);
  const metadataRejected = share(quality.metadata.quarantined, quality.metadata.read);
  return [
    gate("every interaction accounted for", "read = valid + quarantined", `${quality.interactions.read} = ${quality.interactions.valid} + ${quality.interactions.quarantined}`, quality.interactions.read === quality.interactions.valid + quality.interactions.quarantined),
    gate("every metadata row accounted for", "read = valid + quarantined", `${quality.metadata.read} = ${quality.metadata.valid} + ${quality.metadata.quarantined}`, quality.metadata.read === quality.metadata.valid + quality.metadata.quarantined),
    gate("interactions quarantined", `≤ ${percent(GATE_LIMITS.quarantinedShare)}`, percent(interactionsRejected), interactionsRejected <= GATE_LIMITS.quarantinedShare),
    gate("metadata quarantined", `≤ ${percent(GATE_LIMITS.quarantinedShare)}`, percent(metadataRejected), metadataRejected <= GATE_LIMITS.quarantinedShare),
    gate("interactions without metadata", `≤ ${percent(GATE_LIMITS.interactionsWithoutMetadata)}`, percent(quality.interactionsWithoutMetadataShare), quality.interactionsWithoutMetadataShare <= GATE_LIMITS.interactionsWithoutMetadata),
  ];
}
