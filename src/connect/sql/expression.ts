import type { MessageInitShape } from "@bufbuild/protobuf";
import type { ExpressionSchema } from "../proto/gen/spark/connect/expressions_pb";

/** An unresolved Spark Connect expression, as the plan builder fills it in. */
export type ExpressionInit = MessageInitShape<typeof ExpressionSchema>;

export function unresolvedFunction(name: string, args: readonly ExpressionInit[], isDistinct = false): ExpressionInit {
  return { exprType: { case: "unresolvedFunction", value: { functionName: name, arguments: [...args], isDistinct } } };
}
