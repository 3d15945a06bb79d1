import type { MessageInitShape } from "@bufbuild/protobuf";
import type { RelationSchema } from "../proto/gen/spark/connect/relations_pb";

/** A Spark Connect logical plan node under construction. */
export type RelationInit = MessageInitShape<typeof RelationSchema>;
export type RelType = NonNullable<RelationInit["relType"]>;
