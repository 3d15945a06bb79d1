import { mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { HistoryServer } from "../server/history-server";
import { captureStep, jobUserTags, type StepCapture } from "../lib/sparkui/capture";
import { compareSteps } from "../lib/sparkui/compare";
import { formatComparison } from "../lib/sparkui/format-comparison";
import { formatFindings } from "../lib/sparkui/format-findings";
import { evaluateHeuristics } from "../lib/sparkui/heuristics";
import { loadCapture, saveCapture } from "../lib/sparkui/save";
import { inlineCode } from "../lib/text/markdown";
import { assertKnownFlags, flag, requiredFlag, UsageError, type ParsedArgs } from "./args";

export const UI_HELP = `insights ui capture|findings|compare

  capture   Replay a past run's Spark event log through a History Server (started, then stopped)
            and capture every tagged step as the live UI would have shown it.
              --event-log DIR  the run's event log folder (.insights/runs/<run>/eventlog)
              --app ID         the application to read (default: the only one in DIR)
              --tag T          a step's tag (repeatable; default: every tag its jobs carry)
              --out DIR        writes DIR/captures/<tag>.json and DIR/findings.md
  findings  Evaluate the heuristics on saved captures and print them as markdown.
              --captures DIR   a folder of <tag>.json captures
  compare   Compare two saved captures of the same step (naive, then optimised) side by side.
              --before FILE --after FILE`;

export async function uiCommand(args: ParsedArgs): Promise<void> {
  switch (args.positional[1]) {
    case "capture":
      return capture(args);
    case "findings":
      return findings(args);
    case "compare":
      return compare(args);
    default:
      throw new UsageError(`ui needs capture, findings or compare\n\n${UI_HELP}`);
  }
}

async function capture(args: ParsedArgs): Promise<void> {
  assertKnownFlags(args, ["event-log", "app", "tag", "out"]);
  const eventLog = resolve(requiredFlag(args, "event-log"));
  const out = resolve(requiredFlag(args, "out"));
  const history = await HistoryServer.start({ eventLogDir: eventLog });
  try {
    const app = await history.waitForApplication(flag(args, "app"));
    const apps = await history.client(app.id).applications();
    if (flag(args, "app") === undefined && apps.length > 1) {
      throw new UsageError(`${eventLog} holds ${apps.length} applications (${apps.map((a) => a.id).join(", ")}): pick one with --app`);
    }
    const ui = history.client(app.id);
    const tags = args.flags.get("tag") ?? jobUserTags(await ui.jobs());
    if (tags.length === 0) throw new Error(`No job of ${app.id} carries a user tag: nothing to capture`);
    const captures: StepCapture[] = [];
    for (const tag of tags) {
      // A replayed application is finished: its tagged jobs are all there or not at all.
      const step = await captureStep(ui, { tag, timeoutMs: 10_000 });
      saveCapture(join(out, "captures"), fileName(tag), step);
      captures.push(step);
    }
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, "findings.md"), findingsReport(captures));
    console.log(`${captures.length} steps of ${app.id} captured → ${join(out, "captures")}; findings → ${join(out, "findings.md")}`);
  } finally {
    await history.stop();
  }
}

function findings(args: ParsedArgs): Promise<void> {
  assertKnownFlags(args, ["captures"]);
  const dir = resolve(requiredFlag(args, "captures"));
  const files = readdirSync(dir).filter((f) => f.endsWith(".json")).sort();
  if (files.length === 0) throw new UsageError(`${dir} holds no captures (<tag>.json)`);
  console.log(findingsReport(files.map((f) => loadCapture(join(dir, f)))));
  return Promise.resolve();
}

function compare(args: ParsedArgs): Promise<void> {
  assertKnownFlags(args, ["before", "after"]);
  const before = loadCapture(resolve(requiredFlag(args, "before")));
  const after = loadCapture(resolve(requiredFlag(args, "after")));
  console.log(formatComparison(compareSteps(before, after)));
  return Promise.resolve();
}

/** One section per step: its wall time and its findings. */
export function findingsReport(captures: readonly StepCapture[]): string {
  const sections = captures.map((c) => `## Step ${inlineCode(c.tag)}\n\n${c.metrics.jobs} jobs, ${c.metrics.stages} stages, ${c.metrics.tasks} tasks, ${(c.metrics.wallTimeMs / 1000).toFixed(1)} s wall time.\n\n${formatFindings(evaluateHeuristics(c))}`);
  return `# Spark UI findings\n\n${sections.join("\n\n")}\n`;
}

/** A tag as a capture's file name: characters a file name cannot hold become `_`. */
function fileName(tag: string): string {
  return tag.replace(/[^\w.-]/g, "_");
}
