/** Conventional bands of a variance-explained effect size (ε², η²): 0.01 small, 0.06 moderate, 0.14 large. */
export const EFFECT_SIZE_BANDS = { small: 0.01, moderate: 0.06, large: 0.14 } as const;

export type EffectSizeBand = "negligible" | "small" | "moderate" | "large";

/** The band an effect size falls in (each band includes its lower bound). */
export function effectSizeBand(value: number): EffectSizeBand {
  if (value >= EFFECT_SIZE_BANDS.large) return "large";
  if (value >= EFFECT_SIZE_BANDS.moderate) return "moderate";
  if (value >= EFFECT_SIZE_BANDS.small) return "small";
  return "negligible";
}

const BAND_WORDS: Record<EffectSizeBand, string> = {
  negligible: "makes practically no difference to",
  small: "makes a small difference to",
  moderate: "makes a moderate difference to",
  large: "makes a large difference to",
};

/** What a stakeholder reads: the band of the primary effect size, then the slowest and fastest groups. */
export function effectVerdict(subject: string, outcome: string, epsilonSquared: number, slowest: string, fastest: string): string {
  const band = effectSizeBand(epsilonSquared);
  const share = `${(epsilonSquared * 100).toFixed(1)}%`;
  const ranking = band === "negligible" ? "" : ` ${slowest} is the slowest and ${fastest} the fastest.`;
  return `${subject} ${BAND_WORDS[band]} ${outcome}: it accounts for about ${share} of the variation in ${outcome} ranks (ε² = ${epsilonSquared.toFixed(4)}, ${band}).${ranking}`;
}
