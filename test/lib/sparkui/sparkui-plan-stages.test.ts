import { describe, expect, it } from "vitest";
import { carriesTag } from "../../../src/lib/sparkui/capture";
import { stagesRunningNode } from "../../../src/lib/sparkui/plan-stages";
import type { UiJob, UiSqlExecution, UiSqlNode } from "../../../src/lib/sparkui/types";

const timing = (total: string, stage: string): string => `total (min, med, max (stageId: taskId))\n${total} (1 ms, 2 ms, 3 ms (stage ${stage}: task 17))`;

function execution(id: number, nodes: UiSqlNode[]): UiSqlExecution {
  return {
    id,
    status: "COMPLETED",
    description: "",
    planDescription: "",
    submissionTime: "",
    duration: 0,
    runningJobIds: [],
    successJobIds: [],
    failedJobIds: [],
    nodes,
  };
}

describe("stagesRunningNode", () => {
  // A sort-merge join compiled into codegen stage 5, which ran in Spark stage 4 (attempt 1);
  // a broadcast join with a spill metric of its own naming stage 7, in a second execution.
  const smj = execution(0, [
    { nodeId: 1, nodeName: "SortMergeJoin", wholeStageCodegenId: 5, metrics: [{ name: "number of output rows", value: "1,000" }] },
    { nodeId: 2, nodeName: "WholeStageCodegen (5)", metrics: [{ name: "duration", value: timing("30 ms", "4.1") }] },
    { nodeId: 3, nodeName: "WholeStageCodegen (3)", metrics: [{ name: "duration", value: timing("9 ms", "2.0") }] },
    { nodeId: 4, nodeName: "Exchange", metrics: [{ name: "shuffle write time", value: timing("5 ms", "1.0") }] },
  ]);
  const bhj = execution(1, [{ nodeId: 1, nodeName: "BroadcastHashJoin", metrics: [{ name: "spill size", value: timing("0.0 B", "7.0") }] }]);

  it("finds a codegen'd node's stage through its WholeStageCodegen node", () => {
    expect(stagesRunningNode([smj, bhj], "SortMergeJoin")).toEqual([4]);
  });

  it("reads a node's own metrics, across executions", () => {
    expect(stagesRunningNode([smj, bhj], "BroadcastHashJoin")).toEqual([7]);
    expect(
      stagesRunningNode(
        [smj, execution(2, [{ nodeId: 9, nodeName: "SortMergeJoin", metrics: [{ name: "spill size", value: timing("0.0 B", "12.0") }] }])],
        "SortMergeJoin",
      ),
    ).toEqual([4, 12]);
  });

  it("is empty when no metric names a stage or the node is absent", () => {
    expect(stagesRunningNode([smj], "ShuffledHashJoin")).toEqual([]);
    expect(
      stagesRunningNode(
        [execution(3, [{ nodeId: 1, nodeName: "BroadcastHashJoin", metrics: [{ name: "number of output rows", value: "5" }] }])],
        "BroadcastHashJoin",
      ),
    ).toEqual([]);
  });
});

describe("carriesTag", () => {
  const tagged = (...jobTags: string[]): UiJob => ({ jobId: 0, name: "", stageIds: [], jobTags, status: "SUCCEEDED", numTasks: 0, numFailedTasks: 0 });
  const sessionTag = (session: string, tag: string): string => `SparkConnect_SessionTag_User_ann_Session_${session}_Tag_${tag}`;

  it("matches Spark Connect's session tag by its suffix, and by session when given", () => {
    const job = tagged(`SparkConnect_OperationTag_User_ann_Session_s1_Operation_op1`, sessionTag("s1", "join"));
    expect(carriesTag(job, "join")).toBe(true);
    expect(carriesTag(job, "join", "s1")).toBe(true);
    expect(carriesTag(job, "join", "s2")).toBe(false);
  });

  it("does not match a tag that merely ends the same way, nor operation tags or untagged jobs", () => {
    expect(carriesTag(tagged(sessionTag("s1", "prejoin")), "join")).toBe(false);
    expect(carriesTag(tagged("SparkConnect_OperationTag_User_ann_Session_s1_Operation_x_Tag_join"), "join")).toBe(false);
    expect(carriesTag({ ...tagged(), jobTags: undefined }, "join")).toBe(false);
  });
});
