import {
  Expression_SortOrder_NullOrdering as NullOrdering,
  Expression_SortOrder_SortDirection as SortDirection,
} from "../proto/gen/spark/connect/expressions_pb";
import { unresolvedFunction, type ExpressionInit } from "./expression";
import { literalExpression, type LiteralValue } from "./literal";
import type { DataType } from "./types";
import type { WindowSpec } from "./window";

/** What a Column method accepts as an operand: a Column or a JS value taken as a literal. */
export type ColumnOrValue = Column | LiteralValue;

/**
 * An expression over a DataFrame's columns, as in PySpark. Python's operators become methods:
 * `a + b` is `a.plus(b)`, `a == b` is `a.eq(b)`, `a & b` is `a.and(b)`, `~a` is `a.not()`.
 */
export class Column {
  constructor(readonly expr: ExpressionInit) {}

  // Arithmetic
  plus(other: ColumnOrValue): Column {
    return this.binary("+", other);
  }
  minus(other: ColumnOrValue): Column {
    return this.binary("-", other);
  }
  multiply(other: ColumnOrValue): Column {
    return this.binary("*", other);
  }
  divide(other: ColumnOrValue): Column {
    return this.binary("/", other);
  }
  mod(other: ColumnOrValue): Column {
    return this.binary("%", other);
  }
  negate(): Column {
    return fn("negative", this);
  }

  // Comparison
  eq(other: ColumnOrValue): Column {
    return this.binary("==", other);
  }
  neq(other: ColumnOrValue): Column {
    // "!=" and "<>" are parser syntax, not functions in Spark's registry: negate equality instead.
    return this.eq(other).not();
  }
  /** Null-safe equality (`<=>`): null equals null. */
  eqNullSafe(other: ColumnOrValue): Column {
    return this.binary("<=>", other);
  }
  lt(other: ColumnOrValue): Column {
    return this.binary("<", other);
  }
  leq(other: ColumnOrValue): Column {
    return this.binary("<=", other);
  }
  gt(other: ColumnOrValue): Column {
    return this.binary(">", other);
  }
  geq(other: ColumnOrValue): Column {
    return this.binary(">=", other);
  }

  // Boolean
  and(other: ColumnOrValue): Column {
    return this.binary("and", other);
  }
  or(other: ColumnOrValue): Column {
    return this.binary("or", other);
  }
  not(): Column {
    return fn("not", this);
  }

  // Predicates
  isNull(): Column {
    return fn("isnull", this);
  }
  isNotNull(): Column {
    return fn("isnotnull", this);
  }
  isNaN(): Column {
    return fn("isnan", this);
  }
  isin(...values: ColumnOrValue[]): Column {
    return fn("in", this, ...values);
  }
  /** Inclusive on both ends, as in SQL and PySpark. */
  between(lower: ColumnOrValue, upper: ColumnOrValue): Column {
    return this.geq(lower).and(this.leq(upper));
  }
  like(pattern: string): Column {
    return this.binary("like", pattern);
  }
  rlike(pattern: string): Column {
    return this.binary("rlike", pattern);
  }
  contains(other: ColumnOrValue): Column {
    return this.binary("contains", other);
  }
  startsWith(other: ColumnOrValue): Column {
    return this.binary("startswith", other);
  }
  endsWith(other: ColumnOrValue): Column {
    return this.binary("endswith", other);
  }

  // Access
  /** 1-based substring, as SQL's substring. */
  substr(start: ColumnOrValue, length: ColumnOrValue): Column {
    return fn("substr", this, start, length);
  }
  /** An array element by 0-based index, or a map value by key. */
  getItem(key: ColumnOrValue): Column {
    return new Column({ exprType: { case: "unresolvedExtractValue", value: { child: this.expr, extraction: toExpr(key) } } });
  }
  getField(name: string): Column {
    return this.getItem(name);
  }
  withField(name: string, value: Column): Column {
    return new Column({ exprType: { case: "updateFields", value: { structExpression: this.expr, fieldName: name, valueExpression: value.expr } } });
  }
  dropFields(...names: string[]): Column {
    return names.reduce<Column>(
      (acc, name) => new Column({ exprType: { case: "updateFields", value: { structExpression: acc.expr, fieldName: name } } }),
      this,
    );
  }

  // Naming and types
  alias(...names: string[]): Column {
    if (names.length === 0) throw new Error("alias needs a name");
    return new Column({ exprType: { case: "alias", value: { expr: this.expr, name: names } } });
  }
  as(...names: string[]): Column {
    return this.alias(...names);
  }
  name(name: string): Column {
    return this.alias(name);
  }
  /** Cast to a DataType or to a DDL type string (`"bigint"`, `"decimal(10,2)"`, `"array<string>"`). */
  cast(type: DataType | string): Column {
    return new Column({
      exprType: {
        case: "cast",
        value: { expr: this.expr, castToType: typeof type === "string" ? { case: "typeStr", value: type } : { case: "type", value: type.toProto() } },
      },
    });
  }
  astype(type: DataType | string): Column {
    return this.cast(type);
  }

  // Conditionals: `when(cond, a).when(cond2, b).otherwise(c)`
  when(condition: Column, value: ColumnOrValue): Column {
    const call = this.caseWhenArguments();
    if (!call) throw new Error("when() can only follow functions.when(...) or another when(...)");
    if (call.length % 2 === 1) throw new Error("when() cannot follow otherwise()");
    return new Column(unresolvedFunction("when", [...call, condition.expr, toExpr(value)]));
  }
  otherwise(value: ColumnOrValue): Column {
    const call = this.caseWhenArguments();
    if (!call) throw new Error("otherwise() can only follow functions.when(...)");
    if (call.length % 2 === 1) throw new Error("otherwise() was already given");
    return new Column(unresolvedFunction("when", [...call, toExpr(value)]));
  }

  // Sorting
  asc(): Column {
    return this.sortOrder(SortDirection.ASCENDING, NullOrdering.SORT_NULLS_FIRST);
  }
  ascNullsFirst(): Column {
    return this.sortOrder(SortDirection.ASCENDING, NullOrdering.SORT_NULLS_FIRST);
  }
  ascNullsLast(): Column {
    return this.sortOrder(SortDirection.ASCENDING, NullOrdering.SORT_NULLS_LAST);
  }
  desc(): Column {
    return this.sortOrder(SortDirection.DESCENDING, NullOrdering.SORT_NULLS_LAST);
  }
  descNullsFirst(): Column {
    return this.sortOrder(SortDirection.DESCENDING, NullOrdering.SORT_NULLS_FIRST);
  }
  descNullsLast(): Column {
    return this.sortOrder(SortDirection.DESCENDING, NullOrdering.SORT_NULLS_LAST);
  }

  /** This aggregate or window function evaluated over a window. */
  over(window: WindowSpec): Column {
    return new Column({ exprType: { case: "window", value: { windowFunction: this.expr, ...window.toProto() } } });
  }

  toString(): string {
    return describeExpression(this.expr);
  }

  private binary(op: string, other: ColumnOrValue): Column {
    return fn(op, this, other);
  }

  private sortOrder(direction: SortDirection, nullOrdering: NullOrdering): Column {
    const child = this.expr.exprType?.case === "sortOrder" ? this.expr.exprType.value.child : this.expr;
    return new Column({ exprType: { case: "sortOrder", value: { child, direction, nullOrdering } } });
  }

  private caseWhenArguments(): ExpressionInit[] | undefined {
    const t = this.expr.exprType;
    if (t?.case !== "unresolvedFunction" || t.value.functionName !== "when") return undefined;
    return [...(t.value.arguments ?? [])];
  }
}

/** A JS value or Column as an expression: Columns pass through, values become literals. */
export function toExpr(value: ColumnOrValue): ExpressionInit {
  return value instanceof Column ? value.expr : literalExpression(value);
}

/** A call of a Spark SQL function by name, e.g. `fn("date_trunc", lit("week"), col("ts"))`. */
export function fn(name: string, ...args: ColumnOrValue[]): Column {
  return new Column(unresolvedFunction(name, args.map(toExpr)));
}

/** A short, readable rendering for error messages and debugging (not SQL). */
function describeExpression(expr: ExpressionInit): string {
  const t = expr.exprType;
  switch (t?.case) {
    case "unresolvedAttribute":
      return t.value.unparsedIdentifier ?? "?";
    case "unresolvedFunction":
      return `${t.value.functionName ?? "?"}(${(t.value.arguments ?? []).map(describeExpression).join(", ")})`;
    case "literal":
      return `lit(${t.value.literalType?.case ?? "null"})`;
    case "alias":
      return `${describeExpression(t.value.expr ?? {})} AS ${(t.value.name ?? []).join(".")}`;
    case "expressionString":
      return t.value.expression ?? "?";
    default:
      return `<${String(t?.case)}>`;
  }
}
