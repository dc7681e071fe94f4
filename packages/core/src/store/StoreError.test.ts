import { describe, expect, it } from "vitest";
import { noStream } from "./ExpectedRevision.js";
import {
  STORE_ERROR_TAGS,
  type StoreError,
  appendTooLarge,
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
  appendTooLarge("s", 2_000_000, 1_048_576),
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
      AppendTooLarge: (e) => `too large: ${e.size} > ${e.limit}`,
      StoreFailure: (e) => `failed: ${e.reason}`,
    });
    expect(ALL.map(kind)).toEqual(["conflict at 3", "retry: down", "bad s@7", "too large: 2000000 > 1048576", "failed: odd"]);
  });

  it("describes each kind in a sentence", () => {
    expect(ALL.map(describeStoreError)).toEqual([
      'stream "s" is at revision 3, expected no stream',
      "the event store is unavailable: down",
      'stream "s" revision 7 is not a valid event: data.name: is required',
      'the batch for stream "s" (2000000 bytes) is larger than the event store\'s maximum append size (1048576 bytes): append fewer events at once',
      "the event store failed: odd",
    ]);
    expect(describeStoreError(appendTooLarge("s", null, null))).toBe('the batch for stream "s" is larger than the event store\'s maximum append size: append fewer events at once');
  });
});
