import { functions as F, type DataFrame } from "../../../connect";
import { correlationRatio } from "../../../lib/stats/correlation-ratio";
import { kruskalWallisFromRankSums } from "../../../lib/stats/kruskal-wallis";
import { effectSizeBand, effectVerdict, type EffectSizeBand } from "./effect-size-bands";
import { rankStatisticsByGroup } from "./rank-statistics-by-group";
import { pageLoads } from "./page-loads";

/** The device_type of users without a metadata row: shown in device_performance, left out of the statistics. */
export const UNKNOWN_DEVICE = "unknown";

/** One device's share of the statistics. */
export interface DeviceGroup {
  readonly device_type: string;
  readonly n: number;
  /** Mean mid-rank of its page loads in the pooled sample: (N + 1)/2 when the device is typical. */
  readonly mean_rank: number;
  readonly mean_log_ms: number;
}

/** device_correlation.json. */
export interface DeviceEffect {
  /** Kruskal–Wallis H with mid-ranks and the tie correction. */
  readonly kruskal_h: number;
  /** ε² = H / (N − 1): the primary effect size. */
  readonly epsilon_squared: number;
  /** η² of ln(load ms) by device type: the secondary effect size. */
  readonly eta_squared_log: number;
  readonly n: number;
  /** Device types compared (H has groups − 1 degrees of freedom). */
  readonly groups: number;
  /** Asymptotic; ~0 at these sample sizes, which is why the effect sizes are the answer. */
  readonly p_value: number;
  readonly band: EffectSizeBand;
  readonly verdict: string;
  /** Slowest (highest mean rank) first. */
  readonly by_device: readonly DeviceGroup[];
}

/**
 * Does device type go with page load time? Kruskal–Wallis on the page loads of users with metadata
 * (rank-based: heavy tails and the skew of load times do not distort it; no normality assumed),
 * ε² as the effect size, η² of the log load time as a parametric cross-check. The ranks are
 * computed in Spark (rankStatisticsByGroup); the driver only combines one row per device.
 * A load of 0 ms counts as 1 ms in the log (its log is otherwise undefined).
 */
export async function deviceEffect(enriched: DataFrame): Promise<DeviceEffect> {
  const loads = pageLoads(enriched).where(F.col("device_type").eq(UNKNOWN_DEVICE).not());
  const rows = await rankStatisticsByGroup(loads, "device_type", "load_ms").collect();
  const groups = rows.map((row) => ({
    device_type: String(row.device_type),
    n: Number(row.n),
    rankSum: Number(row.rank_sum),
    meanLog: Number(row.mean_log),
    ssLog: Number(row.ss_log),
  }));
  const kw = kruskalWallisFromRankSums(groups, Number(rows[0]?.tie_cube_sum ?? 0));
  const etaSquared = correlationRatio(groups.map((g) => ({ n: g.n, mean: g.meanLog, sumSquares: g.ssLog })));
  const byDevice = groups
    .map((g) => ({ device_type: g.device_type, n: g.n, mean_rank: g.rankSum / g.n, mean_log_ms: g.meanLog }))
    .sort((a, b) => b.mean_rank - a.mean_rank || (a.device_type < b.device_type ? -1 : 1));
  const slowest = byDevice[0]?.device_type ?? "";
  const fastest = byDevice[byDevice.length - 1]?.device_type ?? "";
  return {
    kruskal_h: kw.h,
    epsilon_squared: kw.epsilonSquared,
    eta_squared_log: etaSquared,
    n: kw.n,
    groups: kw.groups,
    p_value: kw.pValue,
    band: effectSizeBand(kw.epsilonSquared),
    verdict: effectVerdict("Device type", "page load time", kw.epsilonSquared, slowest, fastest),
    by_device: byDevice,
  };
}
