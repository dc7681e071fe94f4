// model

/**
 * What a writer expects of a stream when it appends (optimistic concurrency):
 * anything; that the stream does not exist yet; that it exists; or that its last revision is exactly `revision`.
 */
export type ExpectedRevision =
  | { readonly _tag: "Any" }
  | { readonly _tag: "NoStream" }
  | { readonly _tag: "StreamExists" }
  | { readonly _tag: "Exact"; readonly revision: bigint };

// constructors

/** Append whatever the stream holds. */
export const anyRevision: ExpectedRevision = { _tag: "Any" };
/** Append only to a stream that does not exist yet. */
export const noStream: ExpectedRevision = { _tag: "NoStream" };
/** Append only to a stream that already holds an event. */
export const streamExists: ExpectedRevision = { _tag: "StreamExists" };
/** Append only when the stream's last revision is `revision`. */
export const exactRevision = (revision: bigint): ExpectedRevision => ({ _tag: "Exact", revision });

/** The expectation that a stream is as last read: `null` (never written) means no stream. */
export const expectRevision = (lastRevision: bigint | null): ExpectedRevision =>
  lastRevision === null ? noStream : exactRevision(lastRevision);

// utils

/** Whether a stream whose last revision is `actual` (`null`: no stream) meets `expected`. */
export const meetsExpectation = (expected: ExpectedRevision, actual: bigint | null): boolean => {
  switch (expected._tag) {
    case "Any":
      return true;
    case "NoStream":
      return actual === null;
    case "StreamExists":
      return actual !== null;
    case "Exact":
      return actual === expected.revision;
  }
};

/** Renders an expectation for messages: `any`, `no stream`, `stream exists`, or the revision. */
export const showExpectedRevision = (expected: ExpectedRevision): string => {
  switch (expected._tag) {
    case "Any":
      return "any";
    case "NoStream":
      return "no stream";
    case "StreamExists":
      return "stream exists";
    case "Exact":
      return `revision ${expected.revision}`;
  }
};
