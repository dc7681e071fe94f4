import {
  AccessDeniedError,
  CancelledError,
  DeadlineExceededError,
  MaxAppendSizeExceededError,
  NotLeaderError,
  StreamDeletedError,
  TimeoutError,
  UnavailableError,
  WrongExpectedVersionError,
} from "@eventstore/db-client";
import { type ExpectedRevision, type StoreError } from "@tenfold/core";
import { storeFailure, storeUnavailable, wrongExpectedRevision } from "@tenfold/core/adapter";

/*
 * Translation of the client's errors into the port's StoreError. Every reason goes through the
 * store's redactor, so no credential reaches a message.
 */

/** gRPC status codes that mean "try again": DEADLINE_EXCEEDED, RESOURCE_EXHAUSTED, ABORTED, UNAVAILABLE. */
const RETRYABLE_CODES: ReadonlySet<number> = new Set([4, 8, 10, 14]);

/** What an operation was doing when it failed. */
export interface Attempt {
  /** The stream id as the caller gave it (not the stored one). */
  readonly streamId?: string;
  readonly expected?: ExpectedRevision;
  readonly redact: (text: string) => string;
}

const messageOf = (error: unknown): string => {
  if (error instanceof Error) return error.message === "" ? error.constructor.name : error.message;
  return typeof error === "string" ? error : "unknown error";
};

const codeOf = (error: unknown): number | undefined => {
  if (typeof error !== "object" || error === null || !("code" in error)) return undefined;
  const code = error.code;
  return typeof code === "number" ? code : undefined;
};

/** The actual revision a WrongExpectedVersionError reports: null for no stream. */
const actualOf = (error: WrongExpectedVersionError): bigint | null =>
  typeof error.actualVersion === "bigint" && error.actualVersion >= 0n ? error.actualVersion : null;

/** @internal Whether the error means the store could not be reached or did not answer in time. */
export const isUnavailable = (error: unknown): boolean =>
  error instanceof UnavailableError ||
  error instanceof DeadlineExceededError ||
  error instanceof TimeoutError ||
  error instanceof NotLeaderError ||
  error instanceof CancelledError ||
  (!(error instanceof AccessDeniedError) && RETRYABLE_CODES.has(codeOf(error) ?? -1)) ||
  /^Failed to discover after \d+ attempts/.test(messageOf(error));

/** @internal The StoreError a client error stands for; never throws. */
export const toStoreError = (error: unknown, attempt: Attempt): StoreError => {
  const { streamId, expected, redact } = attempt;
  if (error instanceof WrongExpectedVersionError && streamId !== undefined && expected !== undefined) {
    return wrongExpectedRevision(streamId, expected, actualOf(error));
  }
  const message = redact(messageOf(error));
  if (isUnavailable(error)) {
    if (error instanceof DeadlineExceededError || codeOf(error) === 4) return storeUnavailable(`deadline exceeded: ${message}`);
    if (error instanceof NotLeaderError) return storeUnavailable(`the node is not the leader; the client reconnects to the leader: ${message}`);
    return storeUnavailable(message);
  }
  if (error instanceof AccessDeniedError) return storeFailure(`access denied: check the credentials and the stream ACLs (${message})`);
  if (error instanceof StreamDeletedError) return storeFailure(`stream "${streamId ?? redact(error.streamName)}" was deleted`);
  if (error instanceof MaxAppendSizeExceededError) {
    return storeFailure(`the batch is larger than the server's maximum append size (${error.maxAppendSize} bytes): append fewer events at once`);
  }
  return storeFailure(message);
};

/** @internal StoreUnavailable for an operation that did not finish within the deadline. */
export const deadlineExceeded = (what: string, deadlineMs: number): StoreError =>
  storeUnavailable(`deadline exceeded: ${what} did not finish within ${deadlineMs} ms`);
