import { describe, expect, it } from "vitest";
import { noStream } from "./ExpectedRevision.js";
import {
  STORE_ERROR_TAGS,
  type StoreError,
  describeStoreError,
  invalidStoredEvent,
  matchStoreError,
  storeFailure,
  storeUnavailable,
  wrongExpectedRevision,
} from "./StoreError.js";

const ALL: ReadonlyArray<StoreError> = [
  wrongExpectedRevision("s", noStream, 3n),
  storeUnavailable("down"),
  invalidStoredEvent("s", 7n, [{ path: "data.name", message: "is required" }]),
  storeFailure("odd"),
];

describe("StoreError", () => {
  it("has a constructor for every kind, and STORE_ERROR_TAGS names exactly those kinds", () => {
    expect(new Set(ALL.map((e) => e._tag))).toEqual(STORE_ERROR_TAGS);
    expect(invalidStoredEvent("s", 7n, [])).toEqual({ _tag: "InvalidStoredEvent", streamId: "s", streamRevision: 7n, issues: [] });
  });

  it("matchStoreError calls the case of the error's kind, with the error", () => {
    const kind = matchStoreError({
      WrongExpectedRevision: (e) => `conflict at ${e.actual}`,
      StoreUnavailable: (e) => `retry: ${e.reason}`,
      InvalidStoredEvent: (e) => `bad ${e.streamId}@${e.streamRevision}`,
      StoreFailure: (e) => `failed: ${e.reason}`,
    });
    expect(ALL.map(kind)).toEqual(["conflict at 3", "retry: down", "bad s@7", "failed: odd"]);
  });

  it("describes each kind in a sentence", () => {
    expect(ALL.map(describeStoreError)).toEqual([
      'stream "s" is at revision 3, expected no stream',
      "the event store is unavailable: down",
      'stream "s" revision 7 is not a valid event: data.name: is required',
      "the event store failed: odd",
    ]);
  });
});
