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
import { defineCommand, type CommandGroup } from "../lib/command-line/command";
import { UsageError } from "../lib/command-line/usage-error";

const uiCapture = defineCommand({
  name: "capture",
  summary: "Replay a past run's event log through a History Server and capture every tagged step",
  description: `Replays a past run's Spark event log through a History Server (started, then stopped) and
    captures every tagged step as the live UI would have shown it.`,
  options: {
    "event-log": { value: "DIR", required: true, description: "the run's event log folder (.insights/runs/<run>/eventlog)" },
    app: { value: "ID", defaultText: "the only one in the event log", description: "the application to read" },
    tag: { value: "T", multiple: true, defaultText: "every tag its jobs carry", description: "a step's tag" },
    out: { value: "DIR", required: true, description: "writes DIR/captures/<tag>.json and DIR/findings.md" },
  },
  async run({ values }) {
    const eventLog = resolve(values["event-log"]);
    const out = resolve(values.out);
    const history = await HistoryServer.start({ eventLogDir: eventLog });
    try {
      const app = await history.waitForApplication(values.app);
      const apps = await history.client(app.id).applications();
      if (values.app === undefined && apps.length > 1) {
        throw new UsageError(`${eventLog} holds ${apps.length} applications (${apps.map((a) => a.id).join(", ")}): pick one with --app`);
      }
      const ui = history.client(app.id);
      const tags = values.tag.length > 0 ? values.tag : jobUserTags(await ui.jobs());
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
  },
});

const uiFindings = defineCommand({
  name: "findings",
  summary: "Evaluate the Spark UI heuristics on saved captures and print them as markdown",
  description: "Evaluates the heuristics on saved captures and prints them as markdown.",
  options: {
    captures: { value: "DIR", required: true, description: "a folder of <tag>.json captures" },
  },
  run({ values }) {
    const dir = resolve(values.captures);
    const files = readdirSync(dir)
      .filter((f) => f.endsWith(".json"))
      .sort();
    if (files.length === 0) throw new UsageError(`${dir} holds no captures (<tag>.json)`);
    console.log(findingsReport(files.map((f) => loadCapture(join(dir, f)))));
    return Promise.resolve();
  },
});

const uiCompare = defineCommand({
  name: "compare",
  summary: "Compare two saved captures of the same step side by side",
  description: "Compares two saved captures of the same step (naive, then optimised) side by side.",
  options: {
    before: { value: "FILE", required: true, description: "the capture of the naive step" },
    after: { value: "FILE", required: true, description: "the capture of the optimised step" },
  },
  run({ values }) {
    const before = loadCapture(resolve(values.before));
    const after = loadCapture(resolve(values.after));
    console.log(formatComparison(compareSteps(before, after)));
    return Promise.resolve();
  },
});

export const uiCommands: CommandGroup = {
  name: "ui",
  description: "Spark UI evidence of a run: replay its event log, capture its tagged steps, evaluate heuristics on them and compare them.",
  commands: [uiCapture, uiFindings, uiCompare],
};

/** One section per step: its wall time and its findings. */
export function findingsReport(captures: readonly StepCapture[]): string {
  const sections = captures.map(
    (c) =>
      `## Step ${inlineCode(c.tag)}\n\n${c.metrics.jobs} jobs, ${c.metrics.stages} stages, ${c.metrics.tasks} tasks, ${(c.metrics.wallTimeMs / 1000).toFixed(1)} s wall time.\n\n${formatFindings(evaluateHeuristics(c))}`,
  );
  return `# Spark UI findings\n\n${sections.join("\n\n")}\n`;
}

/** A tag as a capture's file name: characters a file name cannot hold become `_`. */
function fileName(tag: string): string {
  return tag.replace(/[^\w.-]/g, "_");
}
