/**
 * Writes sql/functions-generated.ts from the function table (function-table.ts). Run it after
 * editing the table: `npx tsx src/connect/codegen/generate-functions.ts` from the project root.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { GENERATED_PATH, renderFunctions } from "./render-functions";

const root = join(__dirname, "..", "..", "..");
writeFileSync(join(root, GENERATED_PATH), renderFunctions());
console.log(`Wrote ${GENERATED_PATH}`);
