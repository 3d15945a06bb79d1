// The layers of src/, lowest first, and the ESLint rule that keeps every import pointing down.
// A module may import its own layer and any layer listed before it, never one after it: the
// client knows nothing of the domain, the domain nothing of how it is orchestrated or reported.
// Layers on one rank (the general libraries) do not import each other.
import { dirname, relative, resolve, sep } from "node:path";

/** [layer, folder under the project root, rank]: a higher rank may import a lower one. */
export const LAYERS = [
  ["connect", "src/connect", 0],
  ["text", "src/lib/text", 0],
  ["stats", "src/lib/stats", 0],
  ["command-line", "src/lib/command-line", 0],
  ["sparkui", "src/lib/sparkui", 1],
  ["server", "src/server", 2],
  ["data", "src/domain/data", 3],
  ["analyses", "src/domain/analyses", 4],
  ["evaluation", "src/domain/evaluation", 5],
  ["jobs", "src/jobs", 6],
  ["report", "src/report", 7],
  ["cli", "src/cli", 8],
];

/** The layer a project-relative path (forward slashes) belongs to, or undefined outside src/. */
export function layerOf(path) {
  const match = LAYERS.find(([, folder]) => path === folder || path.startsWith(`${folder}/`));
  if (match) return { name: match[0], folder: match[1], rank: match[2] };
  return path.startsWith("src/") ? { name: "src", folder: "src", rank: -1 } : undefined;
}

/** Why `from` may not import `to` (both project-relative), or undefined when it may. */
export function layerViolation(from, to) {
  const source = layerOf(from);
  if (source === undefined) return undefined; // tests, benchmarks, scripts sit above every layer
  const target = layerOf(to);
  if (target === undefined) return `${from} (layer ${source.name}) imports ${to}, which is outside src/: src/ never depends on tests, benchmarks or scripts`;
  if (source.rank === -1 || target.rank === -1)
    return `${from === to ? from : source.rank === -1 ? from : to} is in no layer: put it in one of ${LAYERS.map(([, f]) => f).join(", ")}`;
  if (source.name === target.name || target.rank < source.rank) return undefined;
  const order = LAYERS.map(([name]) => name).join(" ← ");
  return `${from} (layer ${source.name}) imports ${to} (layer ${target.name}), which is not below it; layers point down: ${order}`;
}

const toPosix = (path) => path.split(sep).join("/");

/** The ESLint rule: every relative import of a file under src/ must point to a lower layer. */
const noUpwardImport = {
  meta: { type: "problem", docs: { description: "imports point down the layers of src/" }, schema: [] },
  create(context) {
    const root = context.cwd;
    const file = toPosix(relative(root, context.filename));
    const check = (node, specifier) => {
      if (typeof specifier !== "string" || !specifier.startsWith(".")) return;
      const target = toPosix(relative(root, resolve(dirname(context.filename), specifier)));
      const message = layerViolation(file, target);
      if (message !== undefined) context.report({ node, message });
    };
    const fromSource = (node) => check(node.source, node.source?.value);
    return {
      ImportDeclaration: fromSource,
      ExportNamedDeclaration: (node) => node.source && fromSource(node),
      ExportAllDeclaration: fromSource,
      ImportExpression: (node) => check(node.source, node.source.value),
      CallExpression: (node) => {
        if (node.callee.type === "Identifier" && node.callee.name === "require" && node.arguments[0]?.type === "Literal")
          check(node.arguments[0], node.arguments[0].value);
      },
      TSImportType: (node) => check(node, node.argument?.literal?.value ?? node.source?.value),
    };
  },
};

export const layersPlugin = { rules: { "no-upward-import": noUpwardImport } };
