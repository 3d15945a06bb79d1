import { readFileSync } from "node:fs";
import { extname, isAbsolute, relative, resolve } from "node:path";

/** What the report may embed, by file extension. */
const IMAGE_TYPES: Readonly<Record<string, string>> = {
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".gif": "image/gif",
  ".webp": "image/webp",
};

/**
 * The image a report references (`assets/chart.svg`, relative to `baseDir`) as a base64 `data:`
 * URI, so the HTML needs no file beside it. Only relative paths that stay inside `baseDir` are
 * accepted: anything else would make the page depend on the network or on files it does not
 * ship. An SVG shown through `<img>` is a static picture (browsers run no script in it), so
 * inlining a chart cannot bring script into the page.
 */
export function imageDataUri(src: string, baseDir: string): string {
  const path = decodeURIComponent(src);
  if (/^[a-z][a-z0-9+.-]*:/i.test(path) || path.startsWith("/") || isAbsolute(path)) {
    throw new Error(`Report image '${src}' must be a path relative to the report (the HTML embeds its images)`);
  }
  const file = resolve(baseDir, path);
  const inside = relative(resolve(baseDir), file);
  if (inside.startsWith("..") || isAbsolute(inside)) throw new Error(`Report image '${src}' is outside the report directory ${baseDir}`);
  const type = IMAGE_TYPES[extname(file).toLowerCase()];
  if (type === undefined) throw new Error(`Report image '${src}' has an unsupported type (use ${Object.keys(IMAGE_TYPES).join(", ")})`);
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") throw new Error(`Report image '${src}' not found (looked for ${file})`, { cause: error });
    throw error;
  }
  return `data:${type};base64,${bytes.toString("base64")}`;
}
