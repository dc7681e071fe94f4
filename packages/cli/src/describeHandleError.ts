import { describeStoreError, type HandleError, type StoreError } from "@tenfold/core";
import { describeRuleBroken } from "./history.js";

const STORE_ERROR_TAGS: ReadonlySet<string> = new Set<StoreError["_tag"]>([
  "WrongExpectedRevision",
  "StoreUnavailable",
  "InvalidStoredEvent",
  "StoreFailure",
]);

const isStoreError = (error: HandleError): error is StoreError => STORE_ERROR_TAGS.has(error._tag);

/**
 * A sentence for any error of the command handler: a broken rule (`rule N: …`), a store
 * failure, or retries exhausted. Belongs in `@tenfold/core` next to `HandleError`.
 */
export const describeHandleError = (error: HandleError): string => {
  if (isStoreError(error)) return describeStoreError(error);
  if (error._tag === "ConcurrencyRetriesExhausted") {
    return `stream "${error.streamId}" kept changing under ${error.attempts} attempts; gave up`;
  }
  return describeRuleBroken(error);
};
