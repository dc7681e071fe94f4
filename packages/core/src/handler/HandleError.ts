import { type DomainError, describeRuleBroken } from "../decider/DomainError.js";
import { describeStoreError, type StoreError } from "../store/StoreError.js";

// model

/** Why a command was not recorded: a broken rule, a store failure, or too many concurrent writers. */
export type HandleError =
  | DomainError
  | StoreError
  | { readonly _tag: "ConcurrencyRetriesExhausted"; readonly streamId: string; readonly attempts: number };

const STORE_ERROR_TAGS: ReadonlySet<string> = new Set<StoreError["_tag"]>([
  "WrongExpectedRevision",
  "StoreUnavailable",
  "InvalidStoredEvent",
  "StoreFailure",
]);

// refinements

/** Whether a handler error came from the store. */
export const isStoreError = (error: HandleError): error is StoreError => STORE_ERROR_TAGS.has(error._tag);

// utils

/** A sentence for any handler error: a broken rule (`rule N: …`), a store failure, or retries exhausted. */
export const describeHandleError = (error: HandleError): string => {
  if (isStoreError(error)) return describeStoreError(error);
  if (error._tag === "ConcurrencyRetriesExhausted") {
    return `stream "${error.streamId}" kept changing under ${error.attempts} attempts; gave up`;
  }
  return describeRuleBroken(error);
};
