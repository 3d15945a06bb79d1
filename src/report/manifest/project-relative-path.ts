import { isAbsolute, relative, resolve } from "node:path";

/**
 * A path inside the project relative to its root (`.insights/report/run/…`), any other path as
 * given: the committed manifest names no machine's folders, and a path outside the project,
 * which the user chose, stays as they wrote it.
 */
export function projectRelativePath(path: string, root: string): string {
  const inside = relative(root, resolve(path));
  return inside === "" || inside.startsWith("..") || isAbsolute(inside) ? path : inside;
}
