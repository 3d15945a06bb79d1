/**
 * How a wrapped function's arguments become a call: each by its kind (a column, a literal, or
 * either), then the call itself, which leaves out trailing optional arguments not given.
 */
import { Column } from "./column";
import { unresolvedFunction } from "./expression";
import { literalExpression, type LiteralValue } from "./literal";
import { toColumn, type ColumnOrName } from "./typing";

/**
 * A JS value as a Column (see toLiteral for the inferred Spark types); a Column passes through.
 * Arrays holding nulls and Maps become `array(...)`/`map(...)` calls (see literalExpression).
 */
export function lit(value: LiteralValue | Column): Column {
  return value instanceof Column ? value : new Column(literalExpression(value));
}

/** A column by name or a Column, or any other value as a literal: PySpark's `Union[ColumnOrName, int]` arguments. */
export function toColumnOrLiteral(value: ColumnOrName | LiteralValue): Column {
  return typeof value === "string" || value instanceof Column ? toColumn(value) : lit(value);
}

/**
 * The call `name(args)`. An undefined argument is an optional one not given: it may only be
 * followed by others not given (Spark reads arguments by position), and is left out.
 */
export function invoke(name: string, args: readonly (Column | undefined)[]): Column {
  const given = args.findLastIndex((a) => a !== undefined) + 1;
  const present = args.slice(0, given);
  const gap = present.indexOf(undefined);
  if (gap !== -1) throw new Error(`${name}: argument ${String(gap + 1)} is left out but a later one is given; Spark reads arguments by position`);
  return new Column(
    unresolvedFunction(
      name,
      (present as Column[]).map((c) => c.expr),
    ),
  );
}
