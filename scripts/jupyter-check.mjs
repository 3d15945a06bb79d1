#!/usr/bin/env node
// Proves that the notebooks run on the real tslab kernel under Jupyter, not only in our headless
// runner (which drives tslab's internals directly). CI runs it through the notebook-runner tests;
// by hand: `node scripts/jupyter-check.mjs [notebook.ipynb…]` (default: notebooks/00-setup.ipynb).
//   1. a Python venv in .insights/jupyter-venv with pinned nbclient, jupyter_client and ipykernel
//      (tslab's installer needs IPython), created once and reused while the pins are the same;
//   2. the tslab kernelspec installed into that venv, started from this project's tslab;
//   3. each notebook executed by nbclient in its own folder (as JupyterLab would start the kernel),
//      failing on the first cell error. Spark comes from SPARK_REMOTE if set, else the notebook
//      starts an embedded server.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(fileURLToPath(import.meta.url), "..", "..");
const venv = join(root, ".insights", "jupyter-venv");
const python = join(venv, "bin", "python");
const PINS = ["nbclient==0.10.2", "nbformat==5.10.4", "jupyter_client==8.6.3", "ipykernel==6.29.5"];
const notebooks = process.argv.length > 2 ? process.argv.slice(2).map((path) => resolve(path)) : [join(root, "notebooks", "00-setup.ipynb")];

function run(command, args, what) {
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit" });
  if (result.error) fail(`${what}: cannot run '${command}' (${result.error.message})`);
  if (result.status !== 0) fail(`${what} failed ('${command} ${args.join(" ")}' exited with ${result.status})`);
}

function fail(message) {
  console.error(`jupyter-check: ${message}`);
  process.exit(1);
}

// 1. The venv, rebuilt when the pins change.
const stamp = join(venv, ".pins");
if (!existsSync(stamp) || readFileSync(stamp, "utf8") !== PINS.join("\n")) {
  console.error(`jupyter-check: creating ${venv} (${PINS.join(", ")})…`);
  rmSync(venv, { recursive: true, force: true });
  run("python3", ["-m", "venv", venv], "Creating the Python venv");
  run(python, ["-m", "pip", "install", "--quiet", "--disable-pip-version-check", ...PINS], "Installing nbclient");
  writeFileSync(stamp, PINS.join("\n"));
}

// 2. The kernelspec: `tslab install`, pointed at this venv and at our pinned tslab.
run(
  process.execPath,
  [
    join(root, "node_modules", "tslab", "bin", "tslab"),
    "install",
    `--python=${python}`,
    `--prefix=${venv}`,
    `--binary=${join(root, "node_modules", ".bin", "tslab")}`,
  ],
  "Installing the tslab kernel",
);

// 3. Execute with nbclient, the library behind `jupyter nbconvert --execute` and papermill.
const execute = `
import sys, nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError
for path in sys.argv[1:]:
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, kernel_name="tslab", timeout=900, resources={"metadata": {"path": path.rsplit("/", 1)[0]}})
    try:
        client.execute()
    except CellExecutionError as error:
        print(f"{path}: a cell failed under Jupyter:\\n{error}", file=sys.stderr)
        sys.exit(1)
    outputs = sum(len(cell.get("outputs", [])) for cell in nb.cells)
    print(f"{path}: all {sum(cell.cell_type == 'code' for cell in nb.cells)} code cells ran on the tslab kernel ({outputs} outputs)")
`;
run(python, ["-c", execute, ...notebooks], "Executing the notebooks under Jupyter");
