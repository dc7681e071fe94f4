import { type ExpectedRevision, type StoreError } from "@tenfold/core";
import { appendTooLarge, storeFailure, storeUnavailable, wrongExpectedRevision } from "@tenfold/core/adapter";
import type { ClientEventData } from "./client.js";

/*
 * Translation of the client's errors into the port's StoreError. Errors are told apart by their
 * `type` string (`"wrong-expected-version"`, `"stream-deleted"`, …), which @kurrent/kurrentdb-client
 * and @eventstore/db-client share, never by class: each package has its own classes. Every reason
 * goes through the store's redactor, so no credential reaches a message.
 */

/** gRPC status codes that mean "try again": DEADLINE_EXCEEDED, RESOURCE_EXHAUSTED, ABORTED, UNAVAILABLE. */
const RETRYABLE_CODES: ReadonlySet<number> = new Set([4, 8, 10, 14]);

/** Error types of the clients that mean the store could not be reached or did not answer in time. */
const UNAVAILABLE_TYPES: ReadonlySet<string> = new Set(["unavailable", "deadline-exceeded", "timeout", "not-leader", "cancelled"]);

/** What an operation was doing when it failed. */
export interface Attempt {
  /** The stream id as the caller gave it (not the stored one). */
  readonly streamId?: string;
  readonly expected?: ExpectedRevision;
  /** The events an append sent, to say the batch's size when it is too large. */
  readonly sent?: ReadonlyArray<ClientEventData>;
  readonly redact: (text: string) => string;
}

/** @internal A batch's size as the newest servers count it against their maximum append size: the data's and metadata's bytes, and the type's UTF-16 length twice. */
export const batchBytes = (events: ReadonlyArray<ClientEventData>): number =>
  events.reduce((sum, e) => sum + Buffer.byteLength(JSON.stringify(e.data)) + Buffer.byteLength(JSON.stringify(e.metadata)) + 2 * e.type.length, 0);

const field = (error: unknown, key: string): unknown =>
  typeof error === "object" && error !== null && key in error ? (error as Record<string, unknown>)[key] : undefined;

/** @internal The client's error type (`"stream-deleted"`, …), if the error is one of a client's. */
export const errorTypeOf = (error: unknown): string | undefined => {
  const type = field(error, "type");
  return error instanceof Error && typeof type === "string" ? type : undefined;
};

const messageOf = (error: unknown): string => {
  if (error instanceof Error) return error.message === "" ? error.constructor.name : error.message;
  return typeof error === "string" ? error : "unknown error";
};

const codeOf = (error: unknown): number | undefined => {
  const code = field(error, "code");
  return typeof code === "number" ? code : undefined;
};

/** The actual revision a wrong expected version reports (`actualState` in KurrentDB's client, `actualVersion` in EventStoreDB's): null for no stream. */
const actualOf = (error: unknown): bigint | null => {
  const actual = field(error, "actualState") ?? field(error, "actualVersion");
  return typeof actual === "bigint" && actual >= 0n ? actual : null;
};

/** @internal Whether the error means the store could not be reached or did not answer in time. */
export const isUnavailable = (error: unknown): boolean => {
  const type = errorTypeOf(error);
  if (type !== undefined && UNAVAILABLE_TYPES.has(type)) return true;
  return (type !== "access-denied" && RETRYABLE_CODES.has(codeOf(error) ?? -1)) || /^Failed to discover after \d+ attempts/.test(messageOf(error));
};

/** @internal The StoreError a client error stands for; never throws. */
export const toStoreError = (error: unknown, attempt: Attempt): StoreError => {
  const { streamId, expected, redact } = attempt;
  const type = errorTypeOf(error);
  if (type === "wrong-expected-version" && streamId !== undefined && expected !== undefined) {
    return wrongExpectedRevision(streamId, expected, actualOf(error));
  }
  const message = redact(messageOf(error));
  if (isUnavailable(error)) {
    if (type === "deadline-exceeded" || codeOf(error) === 4) return storeUnavailable(`deadline exceeded: ${message}`);
    if (type === "not-leader") return storeUnavailable(`the node is not the leader; the client reconnects to the leader: ${message}`);
    // KurrentDB's Rust bridge reports a lost or refused connection with only its error's name as the message.
    return storeUnavailable(error instanceof Error && /^(\w*Error)?$/.test(error.message) ? `no connection to the server (${message})` : message);
  }
  switch (type) {
    case "access-denied":
      return storeFailure(`access denied: check the credentials and the stream ACLs (${message})`);
    case "stream-deleted":
    case "stream-tombstoned": {
      const name = field(error, "streamName") ?? field(error, "stream");
      const shown = streamId ?? (typeof name === "string" ? redact(name) : "(unknown)");
      return storeFailure(`stream "${shown}" was deleted on the server (a tombstoned stream can never be written or read again)`);
    }
    case "maximum-append-size-exceeded": {
      const limit = field(error, "maxAppendSize");
      return appendTooLarge(streamId ?? "(unknown)", attempt.sent === undefined ? null : batchBytes(attempt.sent), typeof limit === "number" && limit > 0 ? limit : null);
    }
    case undefined:
    default:
      return storeFailure(message);
  }
};

/** @internal StoreUnavailable for an operation that did not finish within the deadline. */
export const deadlineExceeded = (what: string, deadlineMs: number): StoreError =>
  storeUnavailable(`deadline exceeded: ${what} did not finish within ${deadlineMs} ms`);
