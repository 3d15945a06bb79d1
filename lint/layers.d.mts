import type { ESLint } from "eslint";

/** [layer, folder under the project root, rank]: a higher rank may import a lower one. */
export const LAYERS: readonly (readonly [name: string, folder: string, rank: number])[];
export function layerOf(path: string): { name: string; folder: string; rank: number } | undefined;
/** Why `from` may not import `to` (both project-relative), or undefined when it may. */
export function layerViolation(from: string, to: string): string | undefined;
export const layersPlugin: ESLint.Plugin;
