import { randomUUID } from "node:crypto";
import { type NewEvent, type RecordedEvent, type StoreError, describeStoreError } from "@tenfold/core";
import { SCHEMA_VERSION } from "@tenfold/core/adapter";
import { GENESIS_HASH, hashEnvelope } from "@tenfold/core/audit";
import { nodeSha256 } from "@tenfold/core/node";
import * as E from "fp-ts/lib/Either.js";

/** A GroupFormed event ready to append, with a fresh lowercase UUID (schema 2: `personal` is `{}`, GroupFormed has no personal field). */
export const groupFormed = (groupId: string, name = `Group ${groupId}`): NewEvent =>
  ({
    type: "GroupFormed",
    data: { campaignId: "pg-test", groupId, name, formedOn: "2013-03-01" },
    eventId: randomUUID(),
    schemaVersion: SCHEMA_VERSION,
    recordedAt: "2013-03-01T08:00:00.000Z",
    metadata: { actor: "pg-test", correlationId: null, causationId: null },
    personal: {},
  }) as NewEvent;

/** `n` GroupFormed events labelled `label-0` … */
export const groups = (label: string, n: number): NewEvent[] => Array.from({ length: n }, (_, i) => groupFormed(`${label}-${i}`));

/** The right value, or a thrown Error describing the store error (a test failure). */
export const orFail = async <A>(task: () => Promise<E.Either<StoreError, A>>): Promise<A> => {
  const result = await task();
  if (E.isLeft(result)) throw new Error(describeStoreError(result.left));
  return result.right;
};

/** The left value, or a thrown Error (a test failure) when the task succeeded. */
export const leftOf = async <A>(task: () => Promise<E.Either<StoreError, A>>): Promise<StoreError> => {
  const result = await task();
  if (E.isRight(result)) throw new Error("expected the store to refuse");
  return result.left;
};

/** Problems of a stream's chain as read back: each event's hash recomputed from its fields and its predecessor's. */
export const chainProblems = (events: ReadonlyArray<RecordedEvent>): string[] => {
  const problems: string[] = [];
  let previous = GENESIS_HASH;
  for (const e of events) {
    const { type, data, eventId, schemaVersion, streamId, streamRevision, recordedAt, metadata, personal } = e;
    const expected = hashEnvelope(nodeSha256, previous, { type, data, eventId, schemaVersion, streamId, streamRevision, recordedAt, metadata, personal });
    if (e.previousHash !== previous) problems.push(`revision ${streamRevision}: previousHash is not the hash before it`);
    if (e.hash !== expected) problems.push(`revision ${streamRevision}: hash does not match the event`);
    previous = e.hash ?? "";
  }
  return problems;
};
