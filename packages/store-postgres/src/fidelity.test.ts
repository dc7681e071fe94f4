import { type NewEvent, campaignStreamId, noStream } from "@tenfold/core";
import { SCHEMA_VERSION } from "@tenfold/core/adapter";
import { fc, test } from "@fast-check/vitest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import type { PostgresEventStore } from "./PostgresEventStore.js";
import { chainProblems, orFail } from "./testing-support/events.js";
import { freshSchema, openTestStore, withClient } from "./testing-support/testDatabase.js";

/*
 * A store gives back what was sealed: the data text is stored exactly (jsonb would reorder keys
 * and renormalise numbers), and the hash chain recomputed from what is read back holds.
 */

const event = (type: string, data: Record<string, unknown>, actor = "clerk"): NewEvent =>
  ({ type, data, eventId: randomUUID(), schemaVersion: SCHEMA_VERSION, recordedAt: "2013-03-01T08:00:00.000Z", metadata: { actor, correlationId: null, causationId: null }, personal: {} }) as NewEvent;

// Keys in reverse and odd orders, ids that are Object.prototype's names, the largest Fen, and text
// from every corner of Unicode (CJK, astral plane, combining marks, U+2028, right-to-left, quotes).
const TRICKY: ReadonlyArray<NewEvent> = [
  event("CampaignLaunched", { checklist: ["village", "poor-household"], launchedOn: "2013-03-01", organizer: "中共西宁市委组织部", name: "十个一 \u2028 活动", campaignId: "xining" }),
  event("GroupFormed", { name: "𝌆 第一组 ǅ e\u0301", groupId: "__proto__", formedOn: "2013-03-02", campaignId: "xining" }, "مسؤول \"quoted\" \\ back"),
  event("GroupFormed", { formedOn: "2013-03-02", campaignId: "xining", groupId: "constructor", name: "Group\tTab" }),
  event("FundDisbursed", {
    purpose: "村级文化舞台 stage",
    disbursedOn: "2013-04-01",
    amountFen: 9007199254740991,
    kind: "special-relief",
    source: "专项资金",
    activityId: "hasOwnProperty",
    groupId: "__proto__",
    contactId: null,
    disbursementId: "toString",
    campaignId: "xining",
  }),
];

describe("what the PostgreSQL store gives back", () => {
  const schema = freshSchema();
  let store: PostgresEventStore;
  beforeAll(async () => {
    store = await openTestStore({ schema });
  });
  afterAll(() => store.close());

  it("is exactly what was sealed: the same fields in the same key order, and a chain that recomputes", async () => {
    const streamId = campaignStreamId(`fidelity-${randomUUID()}`);
    const appended = await orFail(store.append(streamId, TRICKY, noStream));
    const read = await orFail(store.readStream(streamId));
    expect(read.events).toEqual(appended.recorded);
    read.events.forEach((e, i) => {
      const original = TRICKY[i] as NewEvent;
      expect(e.data).toStrictEqual(original.data);
      expect(Object.keys(e.data)).toEqual(Object.keys(original.data));
      expect(JSON.stringify(e.data)).toBe(JSON.stringify(original.data));
      expect(e.metadata).toStrictEqual(original.metadata);
    });
    expect(chainProblems(read.events)).toEqual([]);
    const rows = await withClient((c) => c.query<{ data: string }>(`SELECT data FROM "${schema}".events WHERE stream_id = $1 ORDER BY stream_revision`, [streamId]));
    expect(rows.rows.map((r) => r.data)).toEqual(TRICKY.map((e) => JSON.stringify(e.data)));
  });

  test.prop({ actor: fc.string({ unit: "binary" }).filter((a) => !a.includes("\u0000")), label: fc.stringMatching(/^[a-z'\\" ]{1,12}$/) }, { numRuns: 40 })(
    "writes any text into its SQL as the same text: quotes, backslashes, every plane of Unicode",
    async ({ actor, label }) => {
      const streamId = `tenfold-campaign-${label}-${randomUUID()}`;
      const e = event("GroupFormed", { campaignId: "x", groupId: "g", name: "G", formedOn: "2013-03-02" }, actor);
      await orFail(store.append(streamId, [e], noStream));
      const [read] = (await orFail(store.readStream(streamId))).events;
      expect(read?.metadata.actor).toBe(actor);
      expect(read?.streamId).toBe(streamId);
    },
  );

  it("keeps the text that jsonb would have changed: key order, __proto__ keys, big and negative numbers, \\u0000", async () => {
    const text = '{"z":-0.5,"__proto__":{"b":-1e-7,"a":1},"big":123456789012345678901234567890,"e":1E+2,"nul":"\\u0000"}';
    await withClient(async (c) => {
      await c.query("CREATE TEMP TABLE t (data text)");
      await c.query("INSERT INTO t VALUES ($1)", [text]);
      const { rows } = await c.query<{ data: string }>("SELECT data FROM t");
      expect(rows[0]?.data).toBe(text);
      const withoutNul = text.replace(',"nul":"\\u0000"', "");
      const { rows: asJsonb } = await c.query<{ j: string }>("SELECT $1::jsonb::text AS j", [withoutNul]);
      expect(asJsonb[0]?.j).not.toBe(withoutNul); // reordered keys, 100 for 1E+2, spaces
      await expect(c.query("SELECT $1::jsonb", [text])).rejects.toThrow(/unsupported Unicode escape sequence/);
    });
  });
});
