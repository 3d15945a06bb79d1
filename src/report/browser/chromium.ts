import { accessSync, constants } from "node:fs";
import { delimiter, join } from "node:path";
import { chromium, type Browser, type BrowserContextOptions, type Page } from "playwright-core";

/** What to do when no Chromium is found. */
export const CHROMIUM_INSTALL_HINT = "install Debian's chromium: apt-get install chromium";

/** Names Debian and other distributions give the Chromium executable, looked up on PATH. */
const EXECUTABLE_NAMES = ["chromium", "chromium-browser"];

/**
 * The Chromium to drive: `INSIGHTS_CHROMIUM` if set, else the first `chromium` on PATH (Debian's
 * package installs /usr/bin/chromium). The system browser, not one Playwright downloads: it is
 * installed and updated with the OS packages and needs no download at test time.
 */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const override = env.INSIGHTS_CHROMIUM;
  if (override !== undefined && override !== "") return isExecutable(override) ? override : undefined;
  const dirs = (env.PATH ?? "").split(delimiter).filter((dir) => dir !== "");
  for (const name of EXECUTABLE_NAMES) {
    for (const dir of dirs) {
      if (isExecutable(join(dir, name))) return join(dir, name);
    }
  }
  return undefined;
}

/** Like findChromium, but throws saying how to install it. */
export function requireChromium(env: NodeJS.ProcessEnv = process.env): string {
  const path = findChromium(env);
  if (path !== undefined) return path;
  const override = env.INSIGHTS_CHROMIUM;
  const where = override !== undefined && override !== "" ? `INSIGHTS_CHROMIUM=${override} is not an executable` : "no chromium on PATH";
  throw new Error(`Chromium is needed for screenshots and browser checks (${where}): ${CHROMIUM_INSTALL_HINT}`);
}

/**
 * Starts headless Chromium. Chromium refuses to start as root with its sandbox on (the sandbox
 * relies on dropping privileges a root process keeps), so as root, which containers and CI
 * often are, it runs with `--no-sandbox`; as any other user the sandbox stays on. The pages it
 * opens are ours: the report (no script, strict CSP) and the local Spark UI.
 * `--disable-dev-shm-usage`: containers often give /dev/shm only 64 MB, which crashes the
 * renderer on long pages; Chromium then uses /tmp instead.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: requireChromium(),
    headless: true,
    chromiumSandbox: process.getuid?.() !== 0,
    args: ["--disable-dev-shm-usage", "--disable-extensions", "--no-first-run", "--mute-audio"],
  });
}

/** Runs `use` with a fresh page in a new headless Chromium, and closes the browser after. */
export async function withChromiumPage<T>(options: BrowserContextOptions, use: (page: Page) => Promise<T>): Promise<T> {
  const browser = await launchChromium();
  try {
    const context = await browser.newContext(options);
    return await use(await context.newPage());
  } finally {
    await browser.close();
  }
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
