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
      /** Anything else the store reported. */
      readonly _tag: "StoreFailure";
      readonly reason: string;
    };

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

/** The store failed otherwise. */
export const storeFailure = (reason: string): StoreError => ({ _tag: "StoreFailure", reason });

// utils

/** A sentence a person reads. */
export const describeStoreError = (error: StoreError): string => {
  switch (error._tag) {
    case "WrongExpectedRevision":
      return `stream "${error.streamId}" ${error.actual === null ? "does not exist" : `is at revision ${error.actual}`}, expected ${showExpectedRevision(error.expected)}`;
    case "StoreUnavailable":
      return `the event store is unavailable: ${error.reason}`;
    case "InvalidStoredEvent":
      return `stream "${error.streamId}" revision ${error.streamRevision} is not a valid event: ${error.issues.map((i) => `${i.path}: ${i.message}`).join("; ")}`;
    case "StoreFailure":
      return `the event store failed: ${error.reason}`;
  }
};
