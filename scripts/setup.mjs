#!/usr/bin/env node
// First-use installer, run before `npm start`, `npm test` and the benchmarks (npm pre-scripts).
// Each step runs only when its inputs changed since the last run, so it costs nothing afterwards:
//   1. npm packages (npm ci) when node_modules is missing or older than package-lock.json;
//   2. the Spark runtime: `mvn package` on jvm/pom.xml resolves Spark from Maven Central into
//      .spark/jars, builds our server plugin and extracts the Spark Connect .proto files;
//   3. TypeScript bindings generated from those .proto files into src/connect/proto/gen;
//   4. Debian's Chromium (report screenshots, browser checks) when missing and we may install it.
// Everything it writes is git-ignored. With --no-spark (before `npm run test:unit`) steps 2 and 4
// are skipped once the .proto files are there: the unit tests need the bindings, not Java.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { delimiter, dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const sparkHome = process.env.INSIGHTS_SPARK_HOME ?? join(root, ".spark");

function run(command, args, what) {
  // node_modules/.bin on PATH as under `npm run`, so buf finds the protoc-gen-es plugin.
  const env = { ...process.env, PATH: `${join(root, "node_modules", ".bin")}:${process.env.PATH ?? ""}` };
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit", env });
  if (result.error?.code === "ENOENT") fail(`${what} needs '${command}', which is not installed (see README: prerequisites)`);
  if (result.status !== 0) fail(`${what} failed ('${command} ${args.join(" ")}' exited with ${result.status})`);
}

function fail(message) {
  console.error(`setup: ${message}`);
  process.exit(1);
}

function hashOf(paths) {
  const hash = createHash("sha256");
  for (const path of paths.sort()) hash.update(relative(root, path)).update(readFileSync(path));
  return hash.digest("hex");
}

function filesUnder(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)]));
}

/** Runs `step` unless the stamp file records the same inputs hash. */
function once(stampFile, inputsHash, step) {
  if (existsSync(stampFile) && readFileSync(stampFile, "utf8") === inputsHash) return;
  step();
  mkdirSync(dirname(stampFile), { recursive: true });
  writeFileSync(stampFile, inputsHash);
}

// 1. npm packages
const installed = join(root, "node_modules", ".package-lock.json");
const lock = join(root, "package-lock.json");
if (!existsSync(installed) || statSync(installed).mtimeMs < statSync(lock).mtimeMs) {
  console.error("setup: installing npm packages (npm ci)…");
  run("npm", ["ci", "--no-audit", "--no-fund"], "Installing npm packages");
}

const noSpark = process.argv.includes("--no-spark") && existsSync(join(sparkHome, "proto", "spark", "connect"));

// 2. Spark runtime from Maven Central
if (!noSpark) {
  const javaVersion = spawnSync("java", ["-version"], { encoding: "utf8" });
  if (javaVersion.error) fail("Java 17 is required to run Spark (java was not found on PATH)");
  const major = Number(/version "(\d+)/.exec(javaVersion.stderr)?.[1] ?? 0);
  if (major < 17) fail(`Java 17 or newer is required; found ${major}`);
  const jvmInputs = [join(root, "jvm", "pom.xml"), ...filesUnder(join(root, "jvm", "src"))];
  once(join(sparkHome, ".runtime.stamp"), hashOf(jvmInputs), () => {
    console.error("setup: resolving the Spark runtime from Maven Central (mvn package)…");
    // Start clean, build scratch included: Maven's "already unpacked" markers there would
    // otherwise skip extracting the .proto files into the emptied folder.
    for (const dir of ["jars", "proto", "build"]) rmSync(join(sparkHome, dir), { recursive: true, force: true });
    run("mvn", ["-q", "-B", "-f", join(root, "jvm", "pom.xml"), `-Dspark.home=${sparkHome}`, "package"], "Resolving Spark with Maven");
  });
}

// 3. TypeScript bindings for the Spark Connect IDL
const protoDir = join(sparkHome, "proto");
const genDir = join(root, "src", "connect", "proto", "gen");
const protoInputs = [...filesUnder(protoDir), join(root, "buf.gen.yaml")];
once(join(genDir, ".stamp"), hashOf(protoInputs), () => {
  console.error("setup: generating TypeScript bindings from the Spark Connect .proto files…");
  rmSync(genDir, { recursive: true, force: true });
  run(join(root, "node_modules", ".bin", "buf"), ["generate", relative(root, protoDir), "--template", "buf.gen.yaml"], "Generating protobuf bindings");
});

// 4. Chromium for the report's Spark UI screenshots and browser checks (playwright-core drives
// the system browser; it downloads none). Installed only as root on Debian, where apt-get can;
// anywhere else those steps are skipped, so setup goes on either way.
const chromiumOnPath = ["chromium", "chromium-browser"].some((name) =>
  (process.env.PATH ?? "").split(delimiter).some((dir) => dir !== "" && existsSync(join(dir, name))),
);
if (!noSpark && !process.env.INSIGHTS_CHROMIUM && !chromiumOnPath) {
  if (process.getuid?.() === 0 && existsSync("/etc/debian_version")) {
    console.error("setup: installing Debian's chromium for report screenshots (apt-get install chromium)…");
    const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
    const apt = (args) => spawnSync("apt-get", args, { stdio: ["ignore", "pipe", "pipe"], encoding: "utf8", env });
    const failed = [
      ["-qq", "update"],
      ["-qq", "install", "-y", "--no-install-recommends", "chromium"],
    ]
      .map(apt)
      .find((r) => r.status !== 0);
    if (failed) console.error(`setup: installing chromium failed, screenshots and browser checks will be skipped:\n${failed.error?.message ?? failed.stderr}`);
  } else {
    console.error("setup: no chromium found; screenshots and browser checks will be skipped (install Debian's chromium: apt-get install chromium)");
  }
}
