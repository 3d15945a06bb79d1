import type { IngestCounts } from "../ingest/ingest-counts";
import type { Rule } from "../ingest/rule";
import { DUPLICATE_RULE } from "../ingest/validate";

/** A rule as the quality summary shows it: what it checks, without its Spark condition. */
export type RuleInfo = Pick<Rule, "reason" | "field" | "description">;

/** A rule and how many rows of the batch it quarantined. */
export interface RuleCount extends RuleInfo {
  readonly rejected: number;
}

/**
 * Every rule of a dataset in the order rows are charged to them, `duplicate_event` last, each
 * with its count: 0 for a rule that rejected nothing, so that a reader sees everything that was
 * checked, not only what failed.
 */
export function countsByRule(rules: readonly RuleInfo[], counts: IngestCounts): RuleCount[] {
  const all: readonly RuleInfo[] = [...rules, DUPLICATE_RULE];
  const unknown = Object.keys(counts.byReason).filter((reason) => !all.some((rule) => rule.reason === reason));
  // A reason no rule names would be left out of the list and its rows unaccounted for.
  if (unknown.length > 0) throw new Error(`Quarantine holds reasons that no rule names: ${unknown.join(", ")}`);
  return all.map(({ reason, field, description }) => ({ reason, field, description, rejected: counts.byReason[reason] ?? 0 }));
}
