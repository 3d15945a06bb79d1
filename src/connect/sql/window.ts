import type { MessageInitShape } from "@bufbuild/protobuf";
import { Expression_Window_WindowFrame_FrameType as FrameType, type Expression_WindowSchema } from "../proto/gen/spark/connect/expressions_pb";
import { Column, toExpr } from "./column";
import { toColumn, toSortOrder, type ColumnOrName } from "./typing";

type WindowInit = Omit<MessageInitShape<typeof Expression_WindowSchema>, "windowFunction" | "$typeName">;
type Boundary = NonNullable<NonNullable<WindowInit["frameSpec"]>["lower"]>;

/**
 * A window specification, as PySpark's `Window`: `Window.partitionBy("user_id").orderBy("ts")`.
 * Frame bounds use `Window.unboundedPreceding`, `Window.currentRow` and `Window.unboundedFollowing`.
 */
export class WindowSpec {
  constructor(
    private readonly partition: readonly Column[] = [],
    private readonly order: readonly Column[] = [],
    private readonly frame?: { type: FrameType; lower: Boundary; upper: Boundary },
  ) {}

  partitionBy(...cols: ColumnOrName[]): WindowSpec {
    return new WindowSpec(cols.map(toColumn), this.order, this.frame);
  }

  orderBy(...cols: ColumnOrName[]): WindowSpec {
    return new WindowSpec(this.partition, cols.map(toColumn), this.frame);
  }

  /** A frame of physical rows relative to the current one (0 = current row). */
  rowsBetween(start: number, end: number): WindowSpec {
    return new WindowSpec(this.partition, this.order, { type: FrameType.ROW, lower: boundary(start), upper: boundary(end) });
  }

  /** A frame of rows whose ordering value lies within [current + start, current + end]. */
  rangeBetween(start: number | Column, end: number | Column): WindowSpec {
    return new WindowSpec(this.partition, this.order, { type: FrameType.RANGE, lower: boundary(start), upper: boundary(end) });
  }

  toProto(): WindowInit {
    return {
      partitionSpec: this.partition.map((c) => c.expr),
      orderSpec: this.order.map(toSortOrder),
      ...(this.frame && { frameSpec: { frameType: this.frame.type, lower: this.frame.lower, upper: this.frame.upper } }),
    };
  }
}

// Spark's sentinels: any bound at or beyond these is unbounded (PySpark uses the same cut-offs).
const UNBOUNDED_PRECEDING = -(2 ** 63);
const UNBOUNDED_FOLLOWING = 2 ** 63 - 1;
const UNBOUNDED_CUTOFF = 2 ** 53;

function boundary(value: number | Column): Boundary {
  if (value instanceof Column) return { boundary: { case: "value", value: value.expr } };
  if (value === 0) return { boundary: { case: "currentRow", value: true } };
  if (value <= -UNBOUNDED_CUTOFF || value >= UNBOUNDED_CUTOFF) return { boundary: { case: "unbounded", value: true } };
  return { boundary: { case: "value", value: toExpr(value) } };
}

export const Window = {
  unboundedPreceding: UNBOUNDED_PRECEDING,
  unboundedFollowing: UNBOUNDED_FOLLOWING,
  currentRow: 0,
  partitionBy(...cols: ColumnOrName[]): WindowSpec {
    return new WindowSpec().partitionBy(...cols);
  },
  orderBy(...cols: ColumnOrName[]): WindowSpec {
    return new WindowSpec().orderBy(...cols);
  },
  rowsBetween(start: number, end: number): WindowSpec {
    return new WindowSpec().rowsBetween(start, end);
  },
  rangeBetween(start: number | Column, end: number | Column): WindowSpec {
    return new WindowSpec().rangeBetween(start, end);
  },
} as const;
