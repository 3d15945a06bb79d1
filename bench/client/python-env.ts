import { spawn } from "node:child_process";
import { existsSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";

/** The Spark release of the runtime in `<sparkHome>/jars`, read from spark-core's jar name. */
export function sparkRuntimeVersion(sparkHome: string): string {
  const jars = readdirSync(join(sparkHome, "jars"));
  for (const jar of jars) {
    const match = /^spark-core_[\d.]+-(\d+\.\d+\.\d+)\.jar$/.exec(jar);
    if (match?.[1] !== undefined) return match[1];
  }
  throw new Error(`No spark-core jar in ${sparkHome}/jars: run 'npm run setup'`);
}

const PINS = ["pyarrow<22", "pandas<3"];

/**
 * A throwaway venv holding `pyspark[connect]==<version>`, created on first use and reused while it
 * still imports the Connect client at that version. Returns its python executable.
 */
export async function ensurePySpark(venv: string, version: string): Promise<string> {
  const python = join(venv, "bin", "python");
  if (existsSync(python) && (await installedVersion(python)) === version) return python;

  process.stderr.write(`Creating ${venv} with pyspark[connect]==${version} (first run only; pip builds pyspark from its sdist, a few minutes)…\n`);
  rmSync(venv, { recursive: true, force: true });
  await run("python3", ["-m", "venv", venv]);
  // The [connect] extra brings pandas, pyarrow, grpcio, grpcio-status and googleapis-common-protos,
  // but with no upper bounds while it pins numpy<2: today's pyarrow (22+) refuses to import under
  // numpy 1.x, and pandas 3 is newer than anything PySpark 3.5 knows. Cap both at what 3.5 works with.
  await run(python, ["-m", "pip", "install", "--quiet", "--disable-pip-version-check", `pyspark[connect]==${version}`, ...PINS]);
  const installed = await installedVersion(python);
  if (installed !== version) throw new Error(`The venv at ${venv} does not import pyspark ${version}'s Connect client (got ${installed ?? "an import error"})`);
  return python;
}

/**
 * pyspark's version if the Connect client and everything it needs imports, else undefined.
 * check_dependencies is what PySpark itself runs before a remote session.
 */
async function installedVersion(python: string): Promise<string | undefined> {
  const probe = [
    "import pyspark, pandas, pyarrow, grpc, grpc_status, google.rpc",
    "from pyspark.sql.connect.utils import check_dependencies",
    "check_dependencies('pyspark.sql.connect.session')",
    "import pyspark.sql.connect.session", // loads the generated protobuf modules against the installed runtime
    "print(pyspark.__version__)",
  ].join("; ");
  try {
    return (await run(python, ["-c", probe], true)).trim();
  } catch {
    return undefined;
  }
}

/** Runs a command to completion; its stderr goes to ours, its stdout is returned. */
export function run(command: string, args: readonly string[], quiet = false): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ["ignore", "pipe", quiet ? "ignore" : "inherit"] });
    const out: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => out.push(chunk));
    child.once("error", reject);
    child.once("close", (code, signal) => {
      if (code === 0) resolve(Buffer.concat(out).toString("utf8"));
      else reject(new Error(`${command} ${args.join(" ").slice(0, 200)} exited with ${signal ?? String(code)}`));
    });
  });
}
