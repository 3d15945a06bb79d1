import { describe, expect, it } from "vitest";
import { ENRICHED, INTERACTIONS, METADATA } from "../../../src/domain/data/schemas";

// The brief's own words: its schemas and the header lines its generator writes.
const BRIEF_INTERACTIONS = "user_id: String, timestamp: Timestamp, action_type: String, page_id: String, duration_ms: Long, app_version: String";
const BRIEF_METADATA = "user_id: String, join_date: Date, country: String, device_type: String, subscription_type: String";
const SPARK_NAME: Readonly<Record<string, string>> = { String: "string", Timestamp: "timestamp", Date: "date", Long: "bigint" };

function briefDdl(brief: string): string {
  return brief
    .split(", ")
    .map((field) => field.split(": "))
    .map(([name, type]) => `${name ?? ""} ${SPARK_NAME[type ?? ""] ?? "?"}`)
    .join(", ");
}

describe("schemas", () => {
  it("derive the brief's DDL, column lists and CSV headers from one declaration", () => {
    expect(INTERACTIONS.ddl).toBe(briefDdl(BRIEF_INTERACTIONS));
    expect(METADATA.ddl).toBe(briefDdl(BRIEF_METADATA));
    expect(INTERACTIONS.csvHeader).toBe("user_id,timestamp,action_type,page_id,duration_ms,app_version");
    expect(METADATA.csvHeader).toBe("user_id,join_date,country,device_type,subscription_type");
    expect([...INTERACTIONS.columns]).toEqual(["user_id", "timestamp", "action_type", "page_id", "duration_ms", "app_version"]);
  });

  it("read raw input as text with a corrupt-record column", () => {
    expect(INTERACTIONS.rawDdl).toBe(
      "user_id string, timestamp string, action_type string, page_id string, duration_ms string, app_version string, _corrupt_record string",
    );
    expect(METADATA.rawDdl.split(", ").every((field) => field.endsWith(" string"))).toBe(true);
    expect(METADATA.rawDdl.split(", ")).toHaveLength(METADATA.columns.length + 1);
  });

  it("enrich an interaction with its event date and every metadata field but the key", () => {
    expect([...ENRICHED.columns]).toEqual([
      "user_id",
      "timestamp",
      "event_date",
      "action_type",
      "page_id",
      "duration_ms",
      "app_version",
      "country",
      "device_type",
      "subscription_type",
      "join_date",
    ]);
    expect(ENRICHED.ddl).toContain("event_date date");
    expect(ENRICHED.ddl).toContain("join_date date");
  });
});
