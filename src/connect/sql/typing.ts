/**
 * The argument types the whole API shares, and their coercions, in one place (as PySpark's
 * `_typing.py`): every method that takes "a column" takes a name or a Column and reads a name
 * the same way.
 */
import type { MessageInitShape } from "@bufbuild/protobuf";
import type { Expression_SortOrderSchema } from "../proto/gen/spark/connect/expressions_pb";
import { Column } from "./column";

/** A column name (as in PySpark, strings name columns) or a Column. */
export type ColumnOrName = Column | string;

export type SortOrderInit = MessageInitShape<typeof Expression_SortOrderSchema>;

/** A column by name; dots address nested fields, backticks quote names (`` `a.b` ``). `"*"` is all. */
export function col(name: string): Column {
  if (name === "*") return new Column({ exprType: { case: "unresolvedStar", value: {} } });
  if (name.endsWith(".*")) return new Column({ exprType: { case: "unresolvedStar", value: { unparsedTarget: name } } });
  return new Column({ exprType: { case: "unresolvedAttribute", value: { unparsedIdentifier: name } } });
}

export function toColumn(value: ColumnOrName): Column {
  return typeof value === "string" ? col(value) : value;
}

/** A sort key: a Column already sorted (`desc()`, `ascNullsLast()`…) keeps its order; anything else sorts ascending. */
export function toSortOrder(value: ColumnOrName): SortOrderInit {
  const column = toColumn(value);
  const sorted = column.expr.exprType?.case === "sortOrder" ? column : column.asc();
  if (sorted.expr.exprType?.case !== "sortOrder") throw new Error("unreachable: asc() builds a sort order");
  return sorted.expr.exprType.value;
}
