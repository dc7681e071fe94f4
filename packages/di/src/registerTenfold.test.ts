import "reflect-metadata";
import {
  type AnyCommandInput,
  type CampaignStatistics,
  campaignStatistics,
  campaignStreamId,
  readWholeStream,
  sequentialIds,
  statisticsOf,
  steppingClock,
} from "@tenfold/core";
import { emptyRoot, openCheckpoint, signerKeyOf } from "@tenfold/core/audit";
import { nodeEd25519, nodePersonalCipher, nodeSha256Digest } from "@tenfold/core/node";
import { createMemoryKeyStore } from "@tenfold/core/personal";
import { createMemoryEventStore } from "@tenfold/store-memory";
import * as E from "fp-ts/lib/Either.js";
import * as O from "fp-ts/lib/Option.js";
import { type DependencyContainer, container } from "tsyringe";
import { beforeEach, describe, expect, it } from "vitest";
import { registerTenfold } from "./registerTenfold.js";
import { CHECKPOINT_SIGNER, CLOCK, COMMAND_HANDLER, EVENT_STORE, ID_GENERATOR, STATISTICS_READER, SUBJECT_KEY_STORE, SUBSCRIPTION_RUNNER } from "./tokens.js";

const START = new Date("2013-03-01T08:00:00Z");

/* Commands as an application sends them: plain literals the handler decodes. */
const launch = (campaignId: string): AnyCommandInput => ({
  type: "LaunchCampaign",
  data: { campaignId, name: `Campaign ${campaignId}`, organizer: "Organisation department", launchedOn: "2013-03-01", checklist: ["village", "research-report"] },
});
const formGroup = (campaignId: string, groupId: string): AnyCommandInput => ({
  type: "FormGroup",
  data: { campaignId, groupId, name: `Group ${groupId}`, formedOn: "2013-03-02" },
});
let scope: DependencyContainer;

beforeEach(() => {
  scope = container.createChildContainer();
});

const tenant = (parent: DependencyContainer = scope) => {
  const store = createMemoryEventStore();
  const child = registerTenfold(parent.createChildContainer(), { store, clock: steppingClock(START), ids: sequentialIds() });
  return { store, container: child };
};

const groups = (statistics: E.Either<unknown, O.Option<CampaignStatistics>>): number | undefined =>
  E.isRight(statistics) ? O.toUndefined(statistics.right)?.groups : undefined;

describe("registerTenfold", () => {
  it("wires every token, typed, from a fresh child container", async () => {
    const store = createMemoryEventStore();
    const clock = steppingClock(START);
    const ids = sequentialIds();
    expect(registerTenfold(scope, { store, clock, ids })).toBe(scope);
    expect(scope.resolve(EVENT_STORE)).toBe(store);
    expect(scope.resolve(CLOCK)).toBe(clock);
    expect(scope.resolve(ID_GENERATOR)).toBe(ids);
    const handler = scope.resolve(COMMAND_HANDLER);
    expect(scope.resolve(COMMAND_HANDLER)).toBe(handler);
    expect(scope.resolve(STATISTICS_READER)).toBe(scope.resolve(STATISTICS_READER));

    const recorded = await handler.handle(launch("c-1"))();
    expect(E.isRight(recorded) && recorded.right.recorded.map((e) => [e.eventId, e.recordedAt])).toEqual([
      ["00000000-0000-4000-8000-000000000001", "2013-03-01T08:00:00.000Z"],
    ]);
    expect(groups(await scope.resolve(STATISTICS_READER).statistics("c-1")())).toBe(0);
    const live = scope.resolve(SUBSCRIPTION_RUNNER).run(campaignStatistics);
    expect(await live.caughtUp).toEqual({ _tag: "CaughtUp", position: 0n });
    expect(O.isSome(O.flatMap(statisticsOf)(live.state("c-1")))).toBe(true);
    await live.stop();
  });

  it("leaves the parent untouched and defaults the clock and ids to the system's", () => {
    registerTenfold(scope, { store: createMemoryEventStore() });
    expect(container.isRegistered(EVENT_STORE)).toBe(false);
    expect(scope.resolve(ID_GENERATOR).eventId()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(scope.resolve(CLOCK).now()).toBeInstanceOf(Date);
  });

  it("registers the checkpoint signer only when given the log's key, and refuses a witness's key", () => {
    const platform = { sha256: nodeSha256Digest, ed25519: nodeEd25519 };
    const logKey = signerKeyOf(platform, "xining.example.gov.cn/tenfold", "ed25519", new Uint8Array(32).fill(7));
    registerTenfold(scope, { store: createMemoryEventStore() });
    expect(scope.isRegistered(CHECKPOINT_SIGNER)).toBe(false);
    const signing = registerTenfold(scope.createChildContainer(), { store: createMemoryEventStore(), logKey });
    const signer = signing.resolve(CHECKPOINT_SIGNER);
    const note = signer.sign(campaignStreamId("c-1"), 0, emptyRoot(nodeSha256Digest));
    const opened = openCheckpoint(nodeEd25519, note, signer.verifierKey, `xining.example.gov.cn/tenfold/${campaignStreamId("c-1")}`);
    expect(E.isRight(opened) && opened.right.checkpoint.size).toBe(0);
    const witness = signerKeyOf(platform, "witness.example", "cosignature", new Uint8Array(32).fill(8));
    expect(() => registerTenfold(scope.createChildContainer(), { store: createMemoryEventStore(), logKey: witness })).toThrow(RangeError);
  });

  it("registers the key store of personal data only when given keys, as that very instance, shared below", () => {
    registerTenfold(scope, { store: createMemoryEventStore() });
    expect(scope.isRegistered(SUBJECT_KEY_STORE)).toBe(false);
    expect(() => scope.resolve(SUBJECT_KEY_STORE)).toThrow();
    const keys = createMemoryKeyStore(nodePersonalCipher);
    const tenantA = registerTenfold(scope.createChildContainer(), { store: createMemoryEventStore(), keys });
    expect(tenantA.resolve(SUBJECT_KEY_STORE)).toBe(keys);
    expect(tenantA.resolve(SUBJECT_KEY_STORE)).toBe(keys);
    expect(tenantA.createChildContainer().resolve(SUBJECT_KEY_STORE)).toBe(keys);
    const otherKeys = createMemoryKeyStore(nodePersonalCipher);
    const tenantB = registerTenfold(scope.createChildContainer(), { store: createMemoryEventStore(), keys: otherKeys });
    expect(tenantB.resolve(SUBJECT_KEY_STORE)).toBe(otherKeys);
    expect(scope.isRegistered(SUBJECT_KEY_STORE)).toBe(false);
    expect(container.isRegistered(SUBJECT_KEY_STORE, true)).toBe(false);
  });

  it("gives host services the key store the store was opened with: an erasure through the handler shows there", async () => {
    const keys = createMemoryKeyStore(nodePersonalCipher);
    const tenantA = registerTenfold(scope.createChildContainer(), { store: createMemoryEventStore({ keys }), keys });
    const handler = tenantA.resolve(COMMAND_HANDLER);
    await handler.handle(launch("c-1"))();
    await handler.handle(formGroup("c-1", "g1"))();
    const assigned = await handler.handle({ type: "MakeAssignment", data: { campaignId: "c-1", groupId: "g1", contactId: "h1", contactKind: "poor-household", contactName: "Household one", assignedOn: "2013-03-03" } })();
    expect(E.isRight(assigned)).toBe(true);
    const ref = { campaignId: "c-1", subject: "contact:h1" };
    const before = await tenantA.resolve(SUBJECT_KEY_STORE).existingKeys([ref])();
    expect(E.isRight(before) && before.right.size).toBe(1);
    const erased = await handler.handle({ type: "EraseSubject", data: { campaignId: "c-1", subject: "contact:h1", requestRef: "PIPL-2014-001", erasedOn: "2014-01-05" } })();
    expect(E.isRight(erased)).toBe(true);
    expect(await tenantA.resolve(SUBJECT_KEY_STORE).erasedSubjects()()).toEqual(E.right([ref]));
    const read = await readWholeStream(tenantA.resolve(EVENT_STORE), campaignStreamId("c-1"))();
    expect(E.isRight(read) && read.right.find((e) => e.type === "AssignmentMade")?.erased).toEqual(["contactName"]);
  });

  it("builds the handler from what this container holds at first resolution", async () => {
    registerTenfold(scope, { store: createMemoryEventStore() });
    scope.register(CLOCK, { useValue: steppingClock(new Date("2020-01-01T00:00:00Z")) });
    const recorded = await scope.resolve(COMMAND_HANDLER).handle(launch("c-1"))();
    expect(E.isRight(recorded) && recorded.right.recorded[0]?.recordedAt).toBe("2020-01-01T00:00:00.000Z");
  });

  it("keeps two tenants apart: each its own store, handler and statistics", async () => {
    const a = tenant();
    const b = tenant();
    const handlerA = a.container.resolve(COMMAND_HANDLER);
    const handlerB = b.container.resolve(COMMAND_HANDLER);
    expect(handlerA).not.toBe(handlerB);
    await handlerA.handle(launch("c-1"))();
    await handlerA.handle(formGroup("c-1", "g1"))();
    // The same campaign id in tenant B is a different campaign: it is not launched there yet.
    expect(E.isLeft(await handlerB.handle(formGroup("c-1", "g1"))())).toBe(true);
    await handlerB.handle(launch("c-1"))();

    expect(groups(await a.container.resolve(STATISTICS_READER).statistics("c-1")())).toBe(1);
    expect(groups(await b.container.resolve(STATISTICS_READER).statistics("c-1")())).toBe(0);
    const streamOf = async (store: typeof a.store) => {
      const read = await readWholeStream(store, campaignStreamId("c-1"))();
      return E.isRight(read) ? read.right.map((e) => e.type) : [];
    };
    expect(await streamOf(a.store)).toEqual(["CampaignLaunched", "GroupFormed"]);
    expect(await streamOf(b.store)).toEqual(["CampaignLaunched"]);

    const liveB = b.container.resolve(SUBSCRIPTION_RUNNER).run(campaignStatistics);
    expect(await liveB.caughtUp).toEqual({ _tag: "CaughtUp", position: 0n });
    await liveB.stop();
  });

  it("shares a tenant's services with the scopes below it, such as one per request", () => {
    const a = tenant();
    const request = a.container.createChildContainer();
    expect(request.resolve(COMMAND_HANDLER)).toBe(a.container.resolve(COMMAND_HANDLER));
    expect(request.resolve(EVENT_STORE)).toBe(a.store);
    expect(scope.isRegistered(COMMAND_HANDLER)).toBe(false);
  });
});
