import { functions as F, type Column } from "../../../connect";

/** The numeric parts of a `major.minor.patch` version. */
export interface VersionParts {
  readonly major: number;
  readonly minor: number;
  readonly patch: number;
}

/** Parses `major.minor.patch` (ingestion guarantees the form for every valid row). */
export function parseVersion(version: string): VersionParts {
  const match = /^(\d+)\.(\d+)\.(\d+)$/.exec(version);
  if (!match) throw new RangeError(`'${version}' is not a major.minor.patch version`);
  return { major: Number(match[1]), minor: Number(match[2]), patch: Number(match[3]) };
}

/**
 * Release order: numerically by major, minor, patch (so 5.10.0 follows 5.9.9, which a string sort
 * gets wrong). Prefixes sort before their extensions (`6.2` before `6.2.0`); names that are not
 * versions (`other`) sort after all versions, by name.
 */
export function compareVersions(a: string, b: string): number {
  const pa = versionNumbers(a);
  const pb = versionNumbers(b);
  if (pa === undefined || pb === undefined) return pa !== undefined ? -1 : pb !== undefined ? 1 : a < b ? -1 : a > b ? 1 : 0;
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const difference = (pa[i] ?? -1) - (pb[i] ?? -1);
    if (difference !== 0) return difference;
  }
  return 0;
}

function versionNumbers(version: string): number[] | undefined {
  return /^\d+(\.\d+)*$/.test(version) ? version.split(".").map(Number) : undefined;
}

/** `major.minor` of a `major.minor.patch` column, e.g. "6.2" of "6.2.0". */
export function majorMinorOf(version: Column | string): Column {
  return F.regexpExtract(version, "^([0-9]+\\.[0-9]+)", 1);
}

/** `major` of a version column, e.g. "6" of "6.2.0". */
export function majorOf(version: Column | string): Column {
  return F.regexpExtract(version, "^([0-9]+)", 1);
}

/**
 * Sort keys that put a column of versions (`6`, `6.2` or `6.2.0`) in release order, for
 * `orderBy(...releaseOrder("app_version"))`: non-versions (`other`) last, then major, minor, patch
 * as integers, a missing part first. `get` (not `element_at`) gives null past the array's end, also
 * under ANSI mode.
 */
export function releaseOrder(version: Column | string): Column[] {
  const column = typeof version === "string" ? F.col(version) : version;
  const isVersion = column.rlike("^[0-9]+(\\.[0-9]+)*$");
  const parts = F.split(column, "\\.");
  // Cast only version parts: under ANSI mode casting "other" to int fails rather than giving null.
  const part = (i: number): Column => F.when(isVersion, F.get(parts, i).cast("int")).ascNullsFirst();
  return [isVersion.not().asc(), part(0), part(1), part(2), column.asc()];
}
