import type { DecodeIssue } from "../decoding/DecodeError.js";
import { type ExpectedRevision, showExpectedRevision } from "./ExpectedRevision.js";

// model

/** Why an event store could not do what was asked. Adapters translate their driver's errors into these. */
export type StoreError =
  | {
      /** The stream is not as the writer expected; nothing was appended. `actual` null: no stream. */
      readonly _tag: "WrongExpectedRevision";
      readonly streamId: string;
      readonly expected: ExpectedRevision;
      readonly actual: bigint | null;
    }
  | {
      /** The store cannot be reached or did not answer in time; the request may be retried. */
      readonly _tag: "StoreUnavailable";
      readonly reason: string;
    }
  | {
      /** A stored event does not decode as an event of the catalog. */
      readonly _tag: "InvalidStoredEvent";
      readonly streamId: string;
      readonly streamRevision: bigint;
      readonly issues: ReadonlyArray<DecodeIssue>;
    }
  | {
      /**
       * The batch is larger than the store takes in one append (EventStoreDB's maximum append
       * size); nothing was appended, and retrying the same batch fails again: append fewer events.
       */
      readonly _tag: "AppendTooLarge";
      readonly streamId: string;
      /** The batch's size in bytes as the store counts it, when known. */
      readonly size: number | null;
      /** The store's limit in bytes, when it said. */
      readonly limit: number | null;
    }
  | {
      /** Anything else the store reported. */
      readonly _tag: "StoreFailure";
      readonly reason: string;
    };

/** The tag of each kind of store error. */
export type StoreErrorTag = StoreError["_tag"];

/** The store error of one tag. */
export type StoreErrorOf<T extends StoreErrorTag> = Extract<StoreError, { readonly _tag: T }>;

// Every tag, checked complete by the compiler: a new kind of StoreError must be added here.
const TAGS: { readonly [T in StoreErrorTag]: true } = { WrongExpectedRevision: true, StoreUnavailable: true, InvalidStoredEvent: true, AppendTooLarge: true, StoreFailure: true };

/** Every tag of StoreError. */
export const STORE_ERROR_TAGS: ReadonlySet<string> = new Set(Object.keys(TAGS));

// constructors

/** The stream is not at the expected revision. */
export const wrongExpectedRevision = (streamId: string, expected: ExpectedRevision, actual: bigint | null): StoreError => ({
  _tag: "WrongExpectedRevision",
  streamId,
  expected,
  actual,
});

/** The store is unavailable. */
export const storeUnavailable = (reason: string): StoreError => ({ _tag: "StoreUnavailable", reason });

/** The batch is over the store's limit for one append. */
export const appendTooLarge = (streamId: string, size: number | null, limit: number | null): StoreError => ({ _tag: "AppendTooLarge", streamId, size, limit });

/** The store failed otherwise. */
export const storeFailure = (reason: string): StoreError => ({ _tag: "StoreFailure", reason });

/** A stored event does not decode: where it is, and what is wrong with it. */
export const invalidStoredEvent = (streamId: string, streamRevision: bigint, issues: ReadonlyArray<DecodeIssue>): StoreError => ({
  _tag: "InvalidStoredEvent",
  streamId,
  streamRevision,
  issues,
});

// destructors

/** Exhaustive case analysis: one function per kind of store error (the compiler checks that none is missing). */
export const matchStoreError =
  <R>(cases: { readonly [T in StoreErrorTag]: (error: StoreErrorOf<T>) => R }) =>
  (error: StoreError): R =>
    (cases[error._tag] as (e: StoreError) => R)(error);

// utils

/** A sentence a person reads. */
export const describeStoreError: (error: StoreError) => string = matchStoreError({
  WrongExpectedRevision: (e) => `stream "${e.streamId}" ${e.actual === null ? "does not exist" : `is at revision ${e.actual}`}, expected ${showExpectedRevision(e.expected)}`,
  StoreUnavailable: (e) => `the event store is unavailable: ${e.reason}`,
  InvalidStoredEvent: (e) => `stream "${e.streamId}" revision ${e.streamRevision} is not a valid event: ${e.issues.map((i) => `${i.path}: ${i.message}`).join("; ")}`,
  AppendTooLarge: (e) =>
    `the batch for stream "${e.streamId}"${e.size === null ? "" : ` (${e.size} bytes)`} is larger than the event store's maximum append size` +
    `${e.limit === null ? "" : ` (${e.limit} bytes)`}: append fewer events at once`,
  StoreFailure: (e) => `the event store failed: ${e.reason}`,
});
