import type { Column } from "../../../connect";

/**
 * A data-quality rule: the condition under which a row is rejected, and the reason recorded in
 * quarantine. Rules run in order and a row is charged to the first one it breaks, so the counts
 * per rule add up to the quarantined rows.
 */
export interface Rule {
  /** The reason written to quarantine, e.g. `bad_timestamp`. */
  readonly reason: string;
  /** The field the rule checks (for error messages and the quality summary). */
  readonly field: string;
  readonly description: string;
  /** True for a row that breaks the rule. Must be null-safe: null means "does not break". */
  readonly violated: Column;
}
