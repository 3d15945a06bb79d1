import { codeBlock, inlineCode } from "../../lib/text/markdown";
import type { JoinDescription } from "./describe-join";
import { formatCount, formatMiB } from "../../lib/text/format";

/**
 * The join as a markdown section body: the choice and its reason, the measurements, and the
 * physical plan in a code block. Plans and key lists quote data (the salted join inlines hot
 * user_ids), so they go through codeBlock and inlineCode, which no value can break out of.
 */
export function formatJoinDescription(description: JoinDescription): string {
  return [
    `**Strategy: ${description.strategy}.** ${description.reason}.`,
    "",
    "| measurement | value |",
    "|---|---:|",
    `| deduplicated metadata (optimizer estimate) | ${formatMiB(description.metadataBytes)} |`,
    ...hotKeyLines(description.hotKeys),
    codeBlock(description.physicalPlan),
  ].join("\n");
}

function hotKeyLines(hotKeys: JoinDescription["hotKeys"]): string[] {
  if (hotKeys === null) return ["", "Hot keys were not searched: a broadcast join shuffles no interactions, so no key can skew it.", ""];
  const average = hotKeys.distinctKeys === 0 ? 0 : hotKeys.totalRows / hotKeys.distinctKeys;
  const hottest = hotKeys.count === 0 ? "none" : `${hotKeys.hottest.map(inlineCode).join(", ")}${hotKeys.count > hotKeys.hottest.length ? ", …" : ""}`;
  return [
    `| interactions with a user_id | ${formatCount(hotKeys.totalRows)} |`,
    `| distinct user_ids (HyperLogLog) | ${formatCount(hotKeys.distinctKeys)} (${average.toFixed(1)} rows each on average) |`,
    `| hot-key threshold (rows) | ${formatCount(Math.ceil(hotKeys.threshold))} |`,
    `| rows sampled to find candidates | ${(hotKeys.sampleFraction * 100).toFixed(2)}% (candidates then counted exactly) |`,
    `| hot user_ids | ${formatCount(hotKeys.count)} (the hottest has ${formatCount(hotKeys.hottestRows)} rows) |`,
    "",
    `Hottest user_ids: ${hottest}.`,
    "",
  ];
}
