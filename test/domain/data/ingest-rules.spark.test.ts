import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { functions as F } from "../../../src/connect";
import { interactionRules } from "../../../src/domain/data/ingest/interaction-rules";
import { metadataRules } from "../../../src/domain/data/ingest/metadata-rules";
import { REJECT_REASON, splitByRules, splitDuplicates } from "../../../src/domain/data/ingest/validate";
import { useSpark } from "../../support/spark";
import { INTERACTIONS, METADATA } from "../../../src/domain/data/schemas";

const spark = useSpark();

const HEADER = "user_id,timestamp,action_type,page_id,duration_ms,app_version";
/** Stands for a byte that is not valid UTF-8 (0xFF), written raw into the file. */
const INVALID_UTF8 = "<0xFF>";
const GOOD = "u000123,2023-07-01 14:30:15,page_view,p000456,12000,5.7.3";

/** Each crafted line and the reason it must be quarantined for (null: valid). */
const CASES: readonly (readonly [string, string | null])[] = [
  [GOOD, null],
  ["u000124,2023-12-31 00:00:00,share,p000001,0,7.9.9", null],
  ["u000125,2023-07-01 14:30:15,edit,p000456,12000", "malformed_row"],
  ["u000126,2023-07-01 14:30:15,edit,p000456,12000,5.7.3,extra", "malformed_row"],
  [`u0001${INVALID_UTF8}7,2023-07-01 14:30:15,edit,p000456,12000,5.7.3`, "invalid_utf8"],
  [",2023-07-01 14:30:15,edit,p000456,12000,5.7.3", "empty_user_id"],
  ["user128,2023-07-01 14:30:15,edit,p000456,12000,5.7.3", "bad_user_id"],
  ["u000129,2023/07/01 14:30,edit,p000456,12000,5.7.3", "bad_timestamp"],
  ["u000130,1999-12-31 23:59:59,edit,p000456,12000,5.7.3", "implausible_timestamp"],
  ["u000131,2023-07-01 14:30:15,like,p000456,12000,5.7.3", "unknown_action_type"],
  ["u000132,2023-07-01 14:30:15,edit,page456,12000,5.7.3", "bad_page_id"],
  ["u000133,2023-07-01 14:30:15,edit,p000456,12s,5.7.3", "non_numeric_duration"],
  ["u000134,2023-07-01 14:30:15,edit,p000456,-5,5.7.3", "negative_duration"],
  ["u000135,2023-07-01 14:30:15,edit,p000456,12000,5.7", "bad_app_version"],
];

const METADATA_HEADER = "user_id,join_date,country,device_type,subscription_type";
const METADATA_CASES: readonly (readonly [string, string | null])[] = [
  ["u000123,2022-01-15,US,iPad,premium", null],
  ["u000124,2020-01-01,MX,Android Tablet,free", null],
  ["u000125,2022-01-15,US,iPad", "malformed_row"],
  [",2022-01-15,US,iPad,premium", "empty_user_id"],
  ["u000126,15/01/2022,US,iPad,premium", "bad_join_date"],
  ["u000127,1970-01-01,US,iPad,premium", "implausible_join_date"],
  ["u000128,2022-01-15,XX,iPad,premium", "unknown_country"],
  ["u000129,2022-01-15,US,Toaster,premium", "unknown_device_type"],
  ["u000130,2022-01-15,US,iPad,gold", "unknown_subscription_type"],
];

function writeCsv(lines: readonly string[], header = HEADER): string {
  const dir = mkdtempSync(join(tmpdir(), "insights-rules-"));
  const file = join(dir, "interactions.csv");
  const parts = `${[header, ...lines].join("\n")}\n`.split(INVALID_UTF8).map((text) => Buffer.from(text, "utf8"));
  writeFileSync(file, Buffer.concat(parts.flatMap((part, i) => (i === 0 ? [part] : [Buffer.from([0xff]), part]))));
  return file;
}

function readRaw(path: string, ddl = INTERACTIONS.rawDdl) {
  return spark.read.schema(ddl).options({ header: true, mode: "PERMISSIVE", columnNameOfCorruptRecord: "_corrupt_record", enforceSchema: false }).csv(path);
}

describe("interaction rules", () => {
  it("charges each crafted bad row to its rule and keeps the good ones", async () => {
    const path = writeCsv(CASES.map(([line]) => line));
    const rules = interactionRules({ earliest: "2000-01-01", latest: "2030-01-01" });
    const { valid, quarantined } = splitByRules(readRaw(path), rules);
    const bad = await quarantined.select("user_id", "_corrupt_record", REJECT_REASON).collect();
    const good = await valid.select("user_id").collect();

    const expectedBad = CASES.filter(([, reason]) => reason !== null).map(([, reason]) => reason);
    expect(bad.map((r) => r[REJECT_REASON]).sort()).toEqual([...expectedBad].sort());
    expect(good.map((r) => r.user_id).sort()).toEqual(["u000123", "u000124"]);
    // Conservation: every line read lands in exactly one side.
    expect(bad.length + good.length).toBe(CASES.length);
  });

  it("charges each crafted bad metadata row to its rule", async () => {
    const path = writeCsv(
      METADATA_CASES.map(([line]) => line),
      METADATA_HEADER,
    );
    const { valid, quarantined } = splitByRules(readRaw(path, METADATA.rawDdl), metadataRules({ earliest: "2000-01-01", latest: "2030-01-01" }));
    const bad = await quarantined.select(REJECT_REASON).collect();
    const expectedBad = METADATA_CASES.filter(([, reason]) => reason !== null).map(([, reason]) => reason);
    expect(bad.map((r) => r[REJECT_REASON]).sort()).toEqual([...expectedBad].sort());
    expect((await valid.select("user_id").collect()).map((r) => r.user_id).sort()).toEqual(["u000123", "u000124"]);
  });

  it("quarantines exact duplicates beyond the first as duplicate_event", async () => {
    const path = writeCsv([GOOD, GOOD, GOOD, "u000124,2023-12-31 00:00:00,share,p000001,0,7.9.9"]);
    const columns = ["user_id", "timestamp", "action_type", "page_id", "duration_ms", "app_version"];
    const { valid, quarantined } = splitDuplicates(readRaw(path).drop("_corrupt_record"), columns, [F.col("user_id")]);
    expect(await valid.count()).toBe(2);
    const dups = await quarantined.collect();
    expect(dups.map((r) => r[REJECT_REASON])).toEqual(["duplicate_event", "duplicate_event"]);
  });
});
