import type { ChartSpec } from "./spec";

// vega and vega-lite are ES modules only: this CommonJS project loads them with import().
const loadModules = () => Promise.all([import("vega"), import("vega-lite")]);
let modules: ReturnType<typeof loadModules> | undefined;

/**
 * The chart as a standalone SVG document, rendered in Node without a browser or canvas: the
 * Vega-Lite spec is compiled to Vega, run headless (`renderer: "none"`) and serialised. Text
 * widths are estimated (there is no font engine), so the layout does not depend on the
 * machine's fonts and the same spec always gives the same bytes.
 */
export async function renderSvg(spec: ChartSpec): Promise<string> {
  modules ??= loadModules();
  const [vega, vegaLite] = await modules;
  const view = new vega.View(vega.parse(vegaLite.compile(spec).spec), { renderer: "none" });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
