import { describe, expect, it } from "vitest";
import { exactRevision } from "../store/ExpectedRevision.js";
import { storeUnavailable, wrongExpectedRevision } from "../store/StoreError.js";
import { concurrencyRetriesExhausted, describeHandleError, isStoreError, matchHandleError } from "./HandleError.js";

describe("describeHandleError", () => {
  it("says which rule a domain error broke", () => {
    expect(describeHandleError({ _tag: "GroupNotFound", groupId: "g9" })).toBe('rule 3: group "g9" has not been formed');
  });

  it("describes store errors and exhausted retries", () => {
    expect(describeHandleError(storeUnavailable("deadline exceeded"))).toBe("the event store is unavailable: deadline exceeded");
    expect(describeHandleError(wrongExpectedRevision("s", exactRevision(3n), 5n))).toBe('stream "s" is at revision 5, expected revision 3');
    expect(describeHandleError(wrongExpectedRevision("s", exactRevision(3n), null))).toBe('stream "s" does not exist, expected revision 3');
    expect(describeHandleError({ _tag: "ConcurrencyRetriesExhausted", streamId: "s", attempts: 10 })).toBe('stream "s" kept changing under 10 attempts; gave up');
    expect(describeHandleError({ _tag: "DecodeError", issues: [{ path: "data.formedOn", message: "expected a day" }] })).toBe("the command is not valid: data.formedOn: expected a day");
  });

  it("tells store errors from the rest", () => {
    expect(isStoreError(storeUnavailable("x"))).toBe(true);
    expect(isStoreError({ _tag: "GroupNotFound", groupId: "g9" })).toBe(false);
  });

  it("matchHandleError takes each error to the case of its origin", () => {
    const origin = matchHandleError({
      invalid: (e) => `invalid ${e.issues.map((i) => i.path).join()}`,
      domain: (e) => `domain ${e._tag}`,
      store: (e) => `store ${e._tag}`,
      retriesExhausted: (e) => `gave up after ${e.attempts}`,
    });
    expect(origin({ _tag: "DecodeError", issues: [{ path: "data.formedOn", message: "expected a day" }] })).toBe("invalid data.formedOn");
    expect(origin({ _tag: "GroupNotFound", groupId: "g9" })).toBe("domain GroupNotFound");
    expect(origin(storeUnavailable("x"))).toBe("store StoreUnavailable");
    expect(origin(concurrencyRetriesExhausted("s", 4))).toBe("gave up after 4");
    expect(concurrencyRetriesExhausted("s", 4)).toEqual({ _tag: "ConcurrencyRetriesExhausted", streamId: "s", attempts: 4 });
  });
});
