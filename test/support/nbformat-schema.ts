import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import Ajv from "ajv-draft-04";
import type { Notebook } from "../../src/report/notebook/nbformat";

/** The nbformat release whose v4.5 schema notebooks are checked against. */
const NBFORMAT_VERSION = "5.10.4";
const SCHEMA_MEMBER = "nbformat/v4/nbformat.v4.5.schema.json";

/**
 * The official nbformat 4.5 JSON schema, taken from the `nbformat` wheel on PyPI (downloaded with
 * pip once into .insights/cache, never committed).
 */
export function nbformatSchema(): object {
  const cache = join(__dirname, "..", "..", ".insights", "cache", `nbformat-${NBFORMAT_VERSION}`);
  const schemaFile = join(cache, "nbformat.v4.5.schema.json");
  if (!existsSync(schemaFile)) {
    mkdirSync(cache, { recursive: true });
    execFileSync("python3", ["-m", "pip", "download", "--quiet", "--no-deps", "--only-binary=:all:", `nbformat==${NBFORMAT_VERSION}`, "--dest", cache], {
      stdio: "inherit",
    });
    const wheel = readdirSync(cache).find((file) => file.endsWith(".whl"));
    if (wheel === undefined) throw new Error(`pip did not download the nbformat ${NBFORMAT_VERSION} wheel into ${cache}`);
    // A wheel is a zip archive; Python reads it without an unzip tool.
    const read = "import sys, zipfile; sys.stdout.write(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]).decode())";
    writeFileSync(schemaFile, execFileSync("python3", ["-c", read, join(cache, wheel), SCHEMA_MEMBER], { encoding: "utf8" }));
  }
  return JSON.parse(readFileSync(schemaFile, "utf8")) as object;
}

/** Schema violations of a notebook, as "path: message" lines (empty when valid). */
export function schemaErrors(notebook: Notebook | object): string[] {
  validate ??= new Ajv({ allErrors: true, strict: false }).compile(nbformatSchema());
  if (validate(notebook)) return [];
  return (validate.errors ?? []).map((error) => `${error.instancePath || "/"}: ${error.message ?? "invalid"}`);
}

let validate: ReturnType<Ajv["compile"]> | undefined;
