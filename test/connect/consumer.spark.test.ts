import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { builtinModules } from "node:module";
import { join, relative } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";

/**
 * The client as a package: built with its own tsconfig, packed by npm as it would be published,
 * installed into a copy of the consumer fixture (test/connect/consumer), which type-checks against
 * the package's declarations and runs a query. Everything happens under .scratch/ (git-ignored),
 * so that the package's dependencies resolve from the project's node_modules, as after `npm ci`.
 */
const root = join(__dirname, "..", "..");
const packageDir = join(root, "src", "connect");
const tsc = join(root, "node_modules", "typescript", "bin", "tsc");
let stage: string;

function run(command: string, args: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): string {
  const result = spawnSync(command, args, { cwd: options.cwd ?? root, env: options.env ?? process.env, encoding: "utf8", timeout: 240_000 });
  if (result.status !== 0)
    throw new Error(`${command} ${args.join(" ")} failed (${String(result.status ?? result.signal)}):\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)]));
}

interface PackageJson {
  name: string;
  main: string;
  types: string;
  files: string[];
  dependencies: Record<string, string>;
}
const manifest = JSON.parse(readFileSync(join(packageDir, "publish", "package.json"), "utf8")) as PackageJson;
let installed: string;

beforeAll(() => {
  mkdirSync(join(root, ".scratch"), { recursive: true });
  stage = mkdtempSync(join(root, ".scratch", "connect-consumer-"));
  // Build and pack: only what the package's `files` list reaches the tarball.
  const built = join(stage, "package");
  run(process.execPath, [tsc, "-p", join(packageDir, "tsconfig.build.json"), "--outDir", join(built, "dist")]);
  cpSync(join(packageDir, "publish", "package.json"), join(built, "package.json"));
  cpSync(join(packageDir, "README.md"), join(built, "README.md"));
  const [packed] = JSON.parse(run("npm", ["pack", "--json", "--pack-destination", stage], { cwd: built })) as { filename: string }[];
  // Install: the consumer's node_modules gets the unpacked tarball, as `npm install` would put it.
  const consumer = join(stage, "consumer");
  cpSync(join(__dirname, "consumer"), consumer, { recursive: true });
  installed = join(consumer, "node_modules", ...manifest.name.split("/"));
  mkdirSync(installed, { recursive: true });
  run("tar", ["-xzf", join(stage, packed?.filename ?? ""), "-C", installed, "--strip-components=1"]);
}, 300_000);

afterAll(() => {
  rmSync(stage, { recursive: true, force: true });
});

describe("the client as a package", () => {
  it("packs its entry point, declarations and README, and nothing of the sources", () => {
    const files = filesUnder(installed).map((f) => relative(installed, f));
    expect(files).toEqual(expect.arrayContaining(["package.json", "README.md", manifest.main, manifest.types, "dist/proto/gen/spark/connect/base_pb.d.ts"]));
    expect(files.filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts"))).toEqual([]);
    expect(files.filter((f) => f.includes("codegen"))).toEqual([]);
  });

  it("declares every package its code requires, at the versions the project installs", () => {
    const required = new Set(
      filesUnder(join(installed, "dist"))
        .filter((f) => f.endsWith(".js"))
        .flatMap((f) => [...readFileSync(f, "utf8").matchAll(/require\("([^".][^"]*)"\)/g)].map((m) => m[1] ?? ""))
        .filter((name) => !name.startsWith("node:") && !builtinModules.includes(name))
        .map((name) => (name.startsWith("@") ? name.split("/").slice(0, 2).join("/") : (name.split("/")[0] ?? name))),
    );
    expect([...required].sort()).toEqual(Object.keys(manifest.dependencies).sort());
    const project = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as PackageJson;
    for (const [name, version] of Object.entries(manifest.dependencies)) expect(version, name).toBe(project.dependencies[name]);
  });

  it("type-checks a consumer against its declarations, which then runs a query on the server", () => {
    const consumer = join(stage, "consumer");
    run(process.execPath, [tsc, "-p", join(consumer, "tsconfig.json")]);

    const people = [
      { name: "ann", dept: "eng", salary: 120 },
      { name: "bob", dept: "eng", salary: 95 },
      { name: "cid", dept: "ops", salary: 70 },
      { name: "dee", dept: "eng", salary: 130 },
      { name: "eve", dept: "ops", salary: 88 },
      { name: "fay", dept: "mkt", salary: 64 },
    ];
    const output = run(process.execPath, [join(consumer, "main.mjs"), JSON.stringify(people)], {
      cwd: consumer,
      env: { ...process.env, SPARK_REMOTE: inject("sparkRemote") },
    });
    const depts = [...new Set(people.map((p) => p.dept))].sort();
    const expected = depts.map((dept) => {
      const members = people.filter((p) => p.dept === dept);
      const top = members.reduce((a, b) => (b.salary > a.salary ? b : a));
      return { dept, people: members.length, total: members.reduce((s, p) => s + p.salary, 0), top: top.name };
    });
    const result = JSON.parse(output) as { version: string; database: string; rows: unknown };
    expect(result.version).toMatch(/^3\.5\.\d+$/);
    expect(result.database).toBe("default");
    expect(result.rows).toEqual(expected);
  });
});
