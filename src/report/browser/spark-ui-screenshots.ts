import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { withChromiumPage } from "./chromium";

/** Which pages of the Spark UI to capture. */
export interface SparkUiTargets {
  readonly jobs: true;
  /** Usually the step's heaviest stage attempt. */
  readonly stage?: { readonly id: number; readonly attempt: number };
  /** The SQL execution whose plan to show (the join's). */
  readonly sqlExecutionId?: number;
}

export interface SparkUiScreenshot {
  /** The file name: `spark-ui-jobs.png`, `spark-ui-stage-<id>.png`, `spark-ui-sql-<id>.png`. */
  readonly name: string;
  readonly path: string;
  /** A caption for the report. */
  readonly title: string;
  /** The page's visible text when it was captured. */
  readonly text: string;
}

export interface ScreenshotOptions {
  /** Long pages (a big plan, many jobs) are cut at this height, CSS pixels. Default 4000. */
  readonly maxHeight?: number;
  /** How long to wait for a page to show what it should. Default 15 s. */
  readonly timeoutMs?: number;
}

/** The width of every screenshot: the UI's tables and plan graph fit without wrapping. */
export const SCREENSHOT_WIDTH = 1400;

interface UiPage {
  readonly name: string;
  readonly title: string;
  readonly path: string;
  /** Text the page shows once it is the right page, fully loaded. */
  readonly expect: string;
  readonly prepare?: (page: Page) => Promise<void>;
}

/**
 * PNG screenshots of the live Spark UI (a driver's UI, or a History Server's page of the
 * application): the jobs list, a stage's details and a SQL execution's plan. Call it while the
 * application's pages still hold the step (the UI keeps only the last spark.ui.retainedJobs
 * jobs). Each page must show its heading before it is captured ("Details for Stage 3 (Attempt
 * 0)"), so a page the UI has already dropped fails clearly instead of giving a picture of an
 * error. Files go to `outDir` under fixed names, so a rerun overwrites them.
 */
export async function screenshotSparkUi(uiUrl: string, targets: SparkUiTargets, outDir: string, options: ScreenshotOptions = {}): Promise<SparkUiScreenshot[]> {
  mkdirSync(outDir, { recursive: true });
  const pages = uiPages(targets);
  const base = uiUrl.replace(/\/+$/, "");
  return withChromiumPage({ viewport: { width: SCREENSHOT_WIDTH, height: 900 }, deviceScaleFactor: 1 }, async (page) => {
    page.setDefaultTimeout(options.timeoutMs ?? 15_000);
    const shots: SparkUiScreenshot[] = [];
    for (const ui of pages) {
      await page.goto(`${base}${ui.path}`, { waitUntil: "load" });
      await page.getByText(ui.expect, { exact: false }).first().waitFor().catch((error: unknown) => {
        throw new Error(`The Spark UI page ${base}${ui.path} does not show '${ui.expect}' (evicted, or the wrong id?)`, { cause: error });
      });
      if (await page.getByText("No information to display").count() > 0) throw new Error(`The Spark UI has no information for ${base}${ui.path} (evicted, or the wrong id?)`);
      await ui.prepare?.(page);
      const height = Math.min(await page.evaluate<number>("document.documentElement.scrollHeight"), options.maxHeight ?? 4000);
      const path = join(outDir, ui.name);
      await page.screenshot({ path, fullPage: true, clip: { x: 0, y: 0, width: SCREENSHOT_WIDTH, height } });
      shots.push({ name: ui.name, path, title: ui.title, text: await page.locator("body").innerText() });
    }
    return shots;
  });
}

function uiPages(targets: SparkUiTargets): UiPage[] {
  const pages: UiPage[] = [{ name: "spark-ui-jobs.png", title: "Spark UI: jobs", path: "/jobs/", expect: "Completed Jobs" }];
  const { stage, sqlExecutionId } = targets;
  if (stage !== undefined) {
    pages.push({
      name: `spark-ui-stage-${stage.id}.png`,
      title: `Spark UI: stage ${stage.id} (attempt ${stage.attempt})`,
      path: `/stages/stage/?id=${stage.id}&attempt=${stage.attempt}`,
      expect: `Details for Stage ${stage.id} (Attempt ${stage.attempt})`,
      prepare: showStageTables,
    });
  }
  if (sqlExecutionId !== undefined) {
    pages.push({
      name: `spark-ui-sql-${sqlExecutionId}.png`,
      title: `Spark UI: SQL query ${sqlExecutionId}`,
      path: `/SQL/execution/?id=${sqlExecutionId}`,
      expect: `Details for Query ${sqlExecutionId}`,
      prepare: showPlan,
    });
  }
  return pages;
}

/** The stage page fills its summary and task tables from the REST API after load. */
async function showStageTables(page: Page): Promise<void> {
  await page.getByText("Loading Stage Page").waitFor({ state: "hidden" });
}

/**
 * The plan graph is drawn by the page's script after load; the physical plan text sits folded
 * under "Details". Waits for the graph and unfolds the text, so the picture shows both.
 */
async function showPlan(page: Page): Promise<void> {
  await page.locator("#plan-viz-graph svg").first().waitFor();
  const details = page.locator("#physical-plan-details");
  if ((await details.count()) > 0 && !(await details.isVisible())) {
    await page.locator("[onclick*='clickPhysicalPlanDetails']").first().click();
    await details.waitFor({ state: "visible" });
  }
}
