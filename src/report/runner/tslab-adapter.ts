/**
 * The one place that reaches into tslab's internals (pinned: tslab 1.0.22). tslab has no public
 * API to run cells without a Jupyter frontend, but its kernel is three pieces we can drive from
 * Node directly: the converter (its TypeScript 5.0 fork, compiling a cell against the
 * declarations of earlier cells), the executor (runs the compiled cell in this process with
 * top-level await), and the `lastWriteDisplayData` hook that `tslab.display` writes to. We
 * replace the ZeroMQ side by capturing those writes as nbformat outputs.
 */
import { createRequire } from "node:module";
import { format, inspect } from "node:util";
import type * as ConverterModule from "tslab/dist/converter";
import type * as ExecutorModule from "tslab/dist/executor";
import type * as JupyterModule from "tslab/dist/jupyter";
import type { ErrorOutput, MimeBundle, Output } from "../notebook/nbformat";

// `require` and not `import`: the display hook is a mutable module export, and an ES import
// (or an interop copy of the module) could not assign it.
const load = createRequire(__filename);
const jupyter = (): typeof JupyterModule => load("tslab/dist/jupyter") as typeof JupyterModule;

/** The outcome of one cell: its outputs in order, and whether it ran to the end. */
export interface CellRun {
  readonly ok: boolean;
  readonly outputs: Output[];
  /** On failure, the error as one line (also in `outputs` as an `error` output). */
  readonly error?: string;
}

/** A kernel-like session: cells share variables, as in a notebook. */
export interface TslabSession {
  execute(code: string): Promise<CellRun>;
  close(): void;
}

/**
 * Starts a session whose cells resolve imports and relative paths from `dir` (the notebook's
 * folder, where Jupyter starts a kernel). It changes the working directory of this process for
 * good: run one notebook per process.
 */
export function startTslabSession(dir: string): TslabSession {
  process.chdir(dir);
  const { createConverter } = load("tslab/dist/converter") as typeof ConverterModule;
  const { createExecutor } = load("tslab/dist/executor") as typeof ExecutorModule;
  const converter = createConverter({ isJS: false, isBrowser: false });
  let cell = new CellCapture();
  const executor = createExecutor(
    dir,
    { node: converter, browser: converter, close: () => { converter.close(); } },
    // tslab prints the last expression's value with `log` (the kernel sends it as stdout text)
    // and compile diagnostics or the thrown value with `error`.
    { log: (...args: unknown[]) => { cell.stream("stdout", `${format(...args)}\n`); }, error: (...args: unknown[]) => { cell.failure(args); } },
  );
  return {
    async execute(code: string): Promise<CellRun> {
      cell = new CellCapture();
      const restore = cell.captureProcessOutput();
      try {
        const ok = await executor.execute(code);
        return cell.result(ok);
      } finally {
        restore();
      }
    },
    close() {
      executor.close();
      converter.close();
    },
  };
}

/**
 * Shows a MIME bundle in the current cell, in JupyterLab as in the headless runner: several
 * representations of one thing (`tslab.display` shows one MIME type per call).
 */
export function publishDisplayData(data: MimeBundle): void {
  const write = jupyter().lastWriteDisplayData as typeof JupyterModule.lastWriteDisplayData | null;
  if (write === null) throw new Error("Not inside a notebook: no tslab kernel or headless runner is executing a cell");
  // tslab types the bundle as text or bytes; the protocol (and tslab at run time) also carries
  // JSON values, which `…+json` MIME types such as Vega-Lite's need.
  write({ data: data as Record<string, string>, metadata: {}, transient: {} }, false);
}

/** Collects what one cell prints and displays, as nbformat outputs in the order they came. */
class CellCapture {
  private readonly outputs: Output[] = [];
  private readonly displays = new Map<string, Output>();
  private readonly errors: unknown[][] = [];

  stream(name: "stdout" | "stderr", text: string): void {
    const last = this.outputs.at(-1);
    // Consecutive writes to one stream make one output, as Jupyter frontends merge them.
    if (last?.output_type === "stream" && last.name === name) last.text = `${typeof last.text === "string" ? last.text : last.text.join("")}${text}`;
    else this.outputs.push({ output_type: "stream", name, text });
  }

  failure(args: unknown[]): void {
    this.errors.push(args);
  }

  /** Routes process.stdout/stderr and tslab's display hook here until the returned restore(). */
  captureProcessOutput(): () => void {
    const { stdout, stderr } = process;
    const writes = [stdout.write.bind(stdout), stderr.write.bind(stderr)] as const;
    stdout.write = this.writer("stdout");
    stderr.write = this.writer("stderr");
    const hook = jupyter();
    const previous = hook.lastWriteDisplayData as typeof hook.lastWriteDisplayData | null;
    hook.lastWriteDisplayData = (display, update) => {
      this.display(display.data, display.transient.display_id, update);
    };
    return () => {
      stdout.write = writes[0];
      stderr.write = writes[1];
      // Displays after the cell (from work it left running) are not this cell's to keep.
      hook.lastWriteDisplayData = previous as typeof hook.lastWriteDisplayData;
    };
  }

  result(ok: boolean): CellRun {
    if (ok) return { ok, outputs: this.outputs };
    const error = errorOutput(this.errors);
    return { ok, outputs: [...this.outputs, error], error: `${error.ename}: ${error.evalue}` };
  }

  private display(data: MimeBundle, displayId: string | undefined, update: boolean): void {
    const existing = displayId === undefined ? undefined : this.displays.get(displayId);
    if (update && existing?.output_type === "display_data") {
      existing.data = data;
      return;
    }
    const output: Output = { output_type: "display_data", data, metadata: {} };
    this.outputs.push(output);
    if (displayId !== undefined) this.displays.set(displayId, output);
  }

  private writer(name: "stdout" | "stderr"): typeof process.stdout.write {
    return (chunk: string | Uint8Array, ...rest: unknown[]) => {
      this.stream(name, typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8"));
      const callback = rest.find((arg) => typeof arg === "function") as (() => void) | undefined;
      callback?.();
      return true;
    };
  }
}

/** An nbformat error output from what tslab reported: a thrown value, or compile diagnostics. */
function errorOutput(reports: readonly unknown[][]): ErrorOutput {
  const thrown = reports.find((args) => args.length === 1)?.[0];
  if (thrown instanceof Error) {
    return { output_type: "error", ename: thrown.name, evalue: thrown.message, traceback: (thrown.stack ?? String(thrown)).split("\n") };
  }
  if (reports.length === 1 && thrown !== undefined) {
    const text = typeof thrown === "string" ? thrown : inspect(thrown);
    return { output_type: "error", ename: "Error", evalue: text, traceback: [text] };
  }
  const messages = reports.map((args) => format(...args));
  // Diagnostics arrive one per call: "line:column - message", lines counted in the cell.
  return { output_type: "error", ename: "CompileError", evalue: messages.join("; ") || "the cell failed", traceback: messages };
}
