import { emptyPrepareSize, type EmulatorData, type ProposedEvent, type StoredEvent } from "./data.js";

/** The expected state of a stream an append states. */
export type Expected =
  | { readonly kind: "any" }
  | { readonly kind: "no_stream" }
  | { readonly kind: "stream_exists" }
  | { readonly kind: "revision"; readonly revision: bigint };

/** A log position as the server reports it. */
export interface LogPosition {
  readonly commit: bigint;
  readonly prepare: bigint;
}

/** What an append did. */
export type WriteOutcome =
  | {
      readonly kind: "success";
      /** The revision the server reports (undefined: no stream). */
      readonly revision: bigint | undefined;
      /** Undefined when nothing was written (the server's "no position"). */
      readonly position: LogPosition | undefined;
    }
  | { readonly kind: "wrong-expected-version"; readonly current: bigint | undefined };

type Decision =
  | { readonly kind: "ok" }
  | { readonly kind: "wrong" }
  | { readonly kind: "idempotent"; readonly last: StoredEvent };

const OK: Decision = { kind: "ok" };
const WRONG: Decision = { kind: "wrong" };

// Mirrors the server's commit check: with `any`/`stream_exists`, the events are a repeat when the
// first id is already in this stream (and then every id must be, or it is a conflict); with an
// explicit expectation below the current revision, they are a repeat when the events after it
// carry exactly these ids in order, and a conflict otherwise.
const decide = (data: EmulatorData, streamName: string, expected: Expected, ids: readonly string[]): Decision => {
  const current = data.lastRevision(streamName) ?? -1n;
  if (expected.kind === "stream_exists" && current < 0n) return WRONG;
  if (expected.kind === "any" || expected.kind === "stream_exists") {
    let last: StoredEvent | undefined;
    for (const [index, id] of ids.entries()) {
      const known = data.lastWithId(id);
      if (known?.streamName !== streamName) return index === 0 ? OK : WRONG;
      last = known;
    }
    return last === undefined ? OK : { kind: "idempotent", last };
  }
  const expectedRevision = expected.kind === "no_stream" ? -1n : expected.revision;
  if (expectedRevision < current) {
    const stream = data.stream(streamName);
    let last: StoredEvent | undefined;
    for (const [offset, id] of ids.entries()) {
      const existing = stream[Number(expectedRevision) + 1 + offset];
      if (existing?.id !== id) return WRONG;
      last = existing;
    }
    return last === undefined ? WRONG : { kind: "idempotent", last };
  }
  return expectedRevision > current ? WRONG : OK;
};

/** Appends events to a stream with the server's expected-revision and idempotency rules. */
export const appendToStream = (
  data: EmulatorData,
  streamName: string,
  expected: Expected,
  events: readonly ProposedEvent[],
): WriteOutcome => {
  const decision = decide(data, streamName, expected, events.map((event) => event.id));
  switch (decision.kind) {
    case "wrong":
      return { kind: "wrong-expected-version", current: data.lastRevision(streamName) };
    case "idempotent": {
      const { revision, position } = decision.last;
      return { kind: "success", revision, position: { commit: position, prepare: position } };
    }
    case "ok": {
      const last = data.write(streamName, events).at(-1);
      if (last === undefined) {
        // No events: the server still writes one empty prepare (invisible in $all) and reports
        // its position with the stream's current revision.
        const position = data.writeRecord(emptyPrepareSize(streamName));
        return { kind: "success", revision: data.lastRevision(streamName), position: { commit: position, prepare: position } };
      }
      // The server reports the log position of the record that ends the write, the last event's,
      // as both the commit and the prepare position: that event's own $all position.
      return { kind: "success", revision: last.revision, position: { commit: last.position, prepare: last.position } };
    }
  }
};
