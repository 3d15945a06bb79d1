import { Aggregate_GroupType as GroupType } from "../proto/gen/spark/connect/relations_pb";
import type { Column } from "./column";
import type { DataFrame } from "./dataframe";
import { avg, count, lit, max, min, sum } from "./functions";
import { toLiteral, type LiteralValue } from "./literal";

const GROUP_TYPES = { groupby: GroupType.GROUPBY, rollup: GroupType.ROLLUP, cube: GroupType.CUBE } as const;

/** The result of `groupBy`/`rollup`/`cube`, as PySpark's GroupedData: aggregate it with `agg`. */
export class GroupedData {
  constructor(
    private readonly df: DataFrame,
    private readonly kind: keyof typeof GROUP_TYPES,
    private readonly keys: readonly Column[],
    private readonly pivotSpec?: { column: Column; values: readonly LiteralValue[] },
  ) {}

  agg(...exprs: Column[]): DataFrame {
    if (exprs.length === 0) throw new Error("agg needs at least one aggregate expression");
    return this.df.derive({
      case: "aggregate",
      value: {
        input: this.df.relation,
        groupType: this.pivotSpec ? GroupType.PIVOT : GROUP_TYPES[this.kind],
        groupingExpressions: this.keys.map((k) => k.expr),
        aggregateExpressions: exprs.map((e) => e.expr),
        ...(this.pivotSpec && { pivot: { col: this.pivotSpec.column.expr, values: this.pivotSpec.values.map(toLiteral) } }),
      },
    });
  }

  /** Rows per group, in a column named `count`. */
  count(): DataFrame {
    return this.agg(count(lit(1)).alias("count"));
  }

  sum(...cols: string[]): DataFrame {
    return this.agg(...cols.map((c) => sum(c).alias(`sum(${c})`)));
  }

  avg(...cols: string[]): DataFrame {
    return this.agg(...cols.map((c) => avg(c).alias(`avg(${c})`)));
  }

  mean(...cols: string[]): DataFrame {
    return this.avg(...cols);
  }

  min(...cols: string[]): DataFrame {
    return this.agg(...cols.map((c) => min(c).alias(`min(${c})`)));
  }

  max(...cols: string[]): DataFrame {
    return this.agg(...cols.map((c) => max(c).alias(`max(${c})`)));
  }

  /** Pivots `column`'s values into columns; list the values to spare Spark a pass to find them. */
  pivot(column: Column, values: readonly LiteralValue[] = []): GroupedData {
    if (this.kind !== "groupby") throw new Error("pivot follows groupBy only");
    return new GroupedData(this.df, this.kind, this.keys, { column, values });
  }
}
