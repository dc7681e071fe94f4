import "reflect-metadata";
import { type RecordedEvent, campaignStreamId, readWholeStream } from "@tenfold/core";
import { EVENT_STORE, SUBJECT_KEY_STORE } from "@tenfold/di";
import * as E from "fp-ts/lib/Either.js";
import { container } from "tsyringe";
import { afterEach, describe, expect, it, vi } from "vitest";
import { startFromEnvironment } from "./environment.js";
import type { RunningService } from "./service.js";
import { assignJson, commandJson, enrollJson, formGroupJson, launchJson } from "./testing-support/commands.js";
import { type JsonResponse, getJson, postCommand, postErasure, rawRequest, startTestService } from "./testing-support/service.js";

/* POST /campaigns/:id/erasures over HTTP, on the in-memory store and key store. */

const MARKER = "canary-王-1";
const ERASURE = { subject: "contact:h1", requestRef: "PIPL-2014-001", erasedOn: "2014-01-05" };

let service: RunningService;
afterEach(async () => {
  vi.restoreAllMocks();
  await service.close();
});

/** A campaign with a group, a cadre and a household assigned, its name the marker. */
const recordHistory = async (campaignId = "c-1"): Promise<void> => {
  for (const command of [launchJson(campaignId), formGroupJson(campaignId, "g1"), enrollJson(campaignId, "m1", "g1"), assignJson(campaignId, "g1", "h1", MARKER)]) {
    expect((await postCommand(service, campaignId, command)).status).toBe(201);
  }
};

const stream = async (campaignId = "c-1"): Promise<ReadonlyArray<RecordedEvent>> => {
  const read = await readWholeStream(service.container.resolve(EVENT_STORE), campaignStreamId(campaignId))();
  if (E.isLeft(read)) throw new Error(read.left._tag);
  return read.right;
};

const assignment = async (): Promise<RecordedEvent> => (await stream()).find((e) => e.type === "AssignmentMade")!;

const shown = (response: JsonResponse): string => `${response.status} ${JSON.stringify(response.body)}`;

describe("POST /campaigns/:id/erasures", () => {
  it("records SubjectErased (201, as POST /commands replies), destroys the key, keeps statistics, and never shows the value", async () => {
    const console = [vi.spyOn(globalThis.console, "error"), vi.spyOn(globalThis.console, "warn"), vi.spyOn(globalThis.console, "log")];
    const lines: string[] = [];
    const started = await startFromEnvironment({ PORT: "0" }, container.createChildContainer(), (line) => lines.push(line));
    if (E.isLeft(started)) throw new Error(started.left);
    service = started.right;
    expect(lines).toEqual(["event store: in memory", "key store: in memory", "erasures: reconciled (no key of an erased subject was found)"]);
    await recordHistory();
    const before = await assignment();
    expect([before.data, before.erased]).toEqual([expect.objectContaining({ contactName: MARKER }), undefined]);
    const statistics = await getJson(service, "/campaigns/c-1/statistics");
    expect(statistics.status).toBe(200);

    const erased = await postErasure(service, "c-1", ERASURE);
    expect(erased).toMatchObject({
      status: 201,
      body: {
        nextExpectedRevision: "4",
        recorded: [{ type: "SubjectErased", data: { campaignId: "c-1", ...ERASURE }, schemaVersion: 2, personal: {}, streamId: "tenfold-campaign-c-1", streamRevision: "4", position: "4" }],
      },
    });
    const after = await getJson(service, "/campaigns/c-1/statistics");
    expect(after).toMatchObject({ status: 200, body: statistics.body });
    const asOf = await getJson(service, "/campaigns/c-1/statistics?asOf=2014-12-31");
    expect(asOf.body).toEqual(statistics.body);

    const read = await assignment();
    expect(read.erased).toEqual(["contactName"]);
    expect(read.data).toMatchObject({ contactId: "h1", contactName: null });
    expect(read.hash).toBe(before.hash);
    expect(read.personal?.["contactName"]).toEqual({ subject: "contact:h1", commitment: before.personal?.["contactName"]?.commitment });
    const keys = service.container.resolve(SUBJECT_KEY_STORE);
    expect(await keys.erasedSubjects()()).toEqual(E.right([{ campaignId: "c-1", subject: "contact:h1" }]));
    expect(await keys.existingKeys([{ campaignId: "c-1", subject: "contact:h1" }])()).toEqual(E.right(new Map()));

    const again = await postErasure(service, "c-1", ERASURE);
    for (const text of [shown(erased), shown(after), shown(asOf), shown(again), ...lines]) expect(text).not.toContain(MARKER);
    for (const spy of console) expect(JSON.stringify(spy.mock.calls)).not.toContain(MARKER);
  });

  it("refuses what the rules refuse with POST /commands' replies: erased twice (rule 6), an unknown subject (rule 4), a day before launch (rule 5), a campaign not launched (rule 1)", async () => {
    service = await startTestService();
    await recordHistory();
    expect((await postErasure(service, "c-1", ERASURE)).status).toBe(201);
    const asCommand = (campaignId: string, body: Record<string, string>) => postCommand(service, campaignId, commandJson("EraseSubject", campaignId, body));
    const cases = [
      { campaignId: "c-1", body: ERASURE, expected: { tag: "SubjectAlreadyErased", rule: 6, subject: "contact:h1", erasedOn: "2014-01-05" } },
      { campaignId: "c-1", body: { ...ERASURE, subject: "contact:nobody" }, expected: { tag: "ContactNotAssigned", rule: 4, contactId: "nobody", groupId: null } },
      { campaignId: "c-1", body: { ...ERASURE, subject: "cadre:nobody" }, expected: { tag: "CadreNotEnrolled", rule: 4, cadreId: "nobody" } },
      { campaignId: "c-1", body: { ...ERASURE, subject: "cadre:m1", erasedOn: "2013-02-28" }, expected: { tag: "DateBeforeLaunch", rule: 5 } },
      { campaignId: "c-9", body: ERASURE, expected: { tag: "CampaignNotLaunched", rule: 1, campaignId: "c-9" } },
    ];
    for (const { campaignId, body, expected } of cases) {
      const refused = await postErasure(service, campaignId, body);
      expect(refused).toMatchObject({ status: 409, body: { error: "rule violated", message: expect.any(String) as unknown, ...expected } });
      const command = await asCommand(campaignId, body);
      expect([command.status, command.body]).toEqual([refused.status, refused.body]);
      expect(shown(refused)).not.toContain(MARKER);
    }
    expect((await stream()).map((e) => e.type).at(-1)).toBe("SubjectErased");
    expect(await stream()).toHaveLength(5);
  });

  it("answers 400 naming each wrong field, never what it held; nothing is recorded", async () => {
    service = await startTestService();
    await recordHistory();
    const secret = "987654321";
    const issues = async (body: unknown) => {
      const reply = await postErasure(service, "c-1", body);
      expect(shown(reply)).not.toContain(MARKER);
      expect(shown(reply)).not.toContain(secret);
      return [reply.status, reply.body["error"], reply.body["issues"]];
    };
    expect(await issues({ subject: MARKER, requestRef: Number(secret), erasedOn: `2014-02-30`, contactName: MARKER, campaignId: "c-1" })).toEqual([
      400,
      "invalid erasure request",
      [
        { path: "campaignId", message: "is not a field of an erasure request (subject, requestRef, erasedOn): the campaign is the one in the URL" },
        { path: "contactName", message: "is not a field of an erasure request (subject, requestRef, erasedOn)" },
      ],
    ]);
    expect(await issues({ subject: MARKER, requestRef: Number(secret), erasedOn: "2014-02-30" })).toEqual([
      400,
      "invalid erasure request",
      [
        { path: "subject", message: "expected the data subject: cadre:<cadreId> or contact:<contactId>, the id 1–64 characters from A–Z a–z 0–9 . _ -" },
        { path: "requestRef", message: "expected the request's reference: trimmed text of 1–500 characters" },
        { path: "erasedOn", message: "expected the erasure's business day as YYYY-MM-DD" },
      ],
    ]);
    expect(await issues({ subject: `contact:${secret}`, requestRef: ` ${MARKER}` })).toEqual([
      400,
      "invalid erasure request",
      [
        { path: "requestRef", message: "expected the request's reference: trimmed text of 1–500 characters" },
        { path: "erasedOn", message: "is required" },
      ],
    ]);
    for (const body of [[MARKER], JSON.stringify(MARKER), null, Number(secret)]) {
      expect(await issues(body)).toEqual([400, "invalid erasure request", [{ path: "(the body)", message: 'expected an erasure request as a JSON object {"subject", "requestRef", "erasedOn"}' }]]);
    }
    const truncated = await postErasure(service, "c-1", `{"subject": "contact:h1", "requestRef": "${MARKER}`);
    expect([truncated.status, truncated.body]).toEqual([400, { error: "invalid JSON", message: "the body is not JSON" }]);
    const notUtf8 = await rawRequest(service, { method: "POST", path: "/campaigns/c-1/erasures", chunks: [Buffer.from([0x7b, 0xff, 0x7d])] });
    expect([notUtf8.status, JSON.parse(notUtf8.text)]).toEqual([400, { error: "invalid JSON", message: "the body is not UTF-8" }]);
    const badId = await postErasure(service, "c%201", ERASURE);
    expect(badId).toMatchObject({ status: 400, body: { error: "invalid campaign id" } });
    const tooLarge = await postErasure(service, "c-1", { ...ERASURE, requestRef: "x".repeat(70_000) });
    expect(tooLarge).toMatchObject({ status: 413, body: { error: "body too large", limit: 65_536 } });
    expect(await stream()).toHaveLength(4);
    expect((await assignment()).data).toMatchObject({ contactName: MARKER });
  });
});
