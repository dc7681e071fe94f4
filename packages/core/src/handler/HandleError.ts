import { type DecodeError, formatDecodeError } from "../decoding/DecodeError.js";
import { type DomainError, describeRuleBroken } from "../decider/DomainError.js";
import { describeStoreError, STORE_ERROR_TAGS, type StoreError } from "../store/StoreError.js";

// model

/** Why a command was not recorded: it did not decode, a rule was broken, the store failed, or too many concurrent writers. */
export type HandleError =
  | DecodeError
  | DomainError
  | StoreError
  | { readonly _tag: "ConcurrencyRetriesExhausted"; readonly streamId: string; readonly attempts: number };

/** The handler gave up: other writers moved the stream under every one of its attempts. */
export type ConcurrencyRetriesExhausted = Extract<HandleError, { readonly _tag: "ConcurrencyRetriesExhausted" }>;

// constructors

/** Other writers moved the stream under all `attempts`. */
export const concurrencyRetriesExhausted = (streamId: string, attempts: number): HandleError => ({ _tag: "ConcurrencyRetriesExhausted", streamId, attempts });

// refinements

/** Whether a handler error came from the store. */
export const isStoreError = (error: HandleError): error is StoreError => STORE_ERROR_TAGS.has(error._tag);

// destructors

/**
 * Exhaustive case analysis by origin: a command that did not decode, a broken rule (match it
 * further with matchDomainError), a store failure (matchStoreError), or retries exhausted. By
 * origin rather than by each of the 23 tags, since a host answers each origin differently (a 400,
 * a 422, a 503, a 409).
 */
export const matchHandleError =
  <R>(cases: {
    readonly invalid: (error: DecodeError) => R;
    readonly domain: (error: DomainError) => R;
    readonly store: (error: StoreError) => R;
    readonly retriesExhausted: (error: ConcurrencyRetriesExhausted) => R;
  }) =>
  (error: HandleError): R => {
    if (isStoreError(error)) return cases.store(error);
    if (error._tag === "DecodeError") return cases.invalid(error);
    return error._tag === "ConcurrencyRetriesExhausted" ? cases.retriesExhausted(error) : cases.domain(error);
  };

// utils

/** A sentence for any handler error: a broken rule (`rule N: …`), a store failure, or retries exhausted. */
export const describeHandleError = (error: HandleError): string => {
  if (isStoreError(error)) return describeStoreError(error);
  if (error._tag === "DecodeError") return `the command is not valid: ${formatDecodeError(error).join("; ")}`;
  if (error._tag === "ConcurrencyRetriesExhausted") {
    return `stream "${error.streamId}" kept changing under ${error.attempts} attempts; gave up`;
  }
  return describeRuleBroken(error);
};
