import fc from "fast-check";
import { arbitraryCampaignEvent } from "../events/arbitraryEvents.js";
import { arbitraryInvalidEventJson } from "./arbitraryInvalidEventJson.js";

// model

/** How an NDJSON history line was broken: not JSON, a broken event, or a bad envelope field. */
export type LineMutation = "invalid-json" | "invalid-event" | "invalid-envelope";

/** A line of an NDJSON history broken in one place, and the path `parseHistoryLine` must name. */
export interface InvalidHistoryLine {
  readonly line: string;
  readonly mutation: LineMutation;
  /** Every issue reported is at this path or inside it; `(line)` for text that is not JSON. */
  readonly path: string;
}

/** Options of {@link arbitraryInvalidHistoryLine}. */
export interface InvalidHistoryLineConstraints {
  /** The mutations to apply. @defaultValue every mutation */
  readonly mutations?: ReadonlyArray<LineMutation>;
}

// constants

/** Every mutation of {@link LineMutation}. */
export const LINE_MUTATIONS: ReadonlyArray<LineMutation> = ["invalid-json", "invalid-event", "invalid-envelope"];

/**
 * Envelope fields with a value each refuses (against the version-1 envelope below), and the path
 * named: a version 2 line needs `personal`, which a version 1 line may not carry.
 */
const BAD_ENVELOPES: ReadonlyArray<readonly [string, unknown, string]> = [
  ["schemaVersion", 3, "schemaVersion"],
  ["schemaVersion", 2, "personal"],
  ["personal", {}, "personal"],
  ["schemaVersion", -1, "schemaVersion"],
  ["eventId", "not-a-uuid", "eventId"],
  ["streamRevision", 1.5, "streamRevision"],
  ["recordedAt", "2013-03-01 08:00", "recordedAt"],
  ["metadata", { actor: 1, correlationId: null, causationId: null }, "metadata.actor"],
  ["metadata", { actor: null, correlationId: null }, "metadata.causationId"],
  ["previousHash", "ABC", "previousHash"],
  ["hash", "0".repeat(63), "hash"],
  ["streamId", 42, "streamId"],
];

const GOOD_ENVELOPE = {
  schemaVersion: 1,
  eventId: "00000000-0000-4000-8000-000000000001",
  streamId: "tenfold-campaign-x",
  streamRevision: 0,
  recordedAt: "2013-03-01T08:00:00.000Z",
  metadata: { actor: null, correlationId: null, causationId: null },
  previousHash: "0".repeat(64),
  hash: "f".repeat(64),
};

// constructors

/**
 * A line of an NDJSON history broken in exactly one place, for negative properties of import:
 * truncated JSON, an event broken as by {@link arbitraryInvalidEventJson}, or a full envelope
 * with one bad field. `parseHistoryLine` refuses it, naming `path`.
 */
export const arbitraryInvalidHistoryLine = ({ mutations = LINE_MUTATIONS }: InvalidHistoryLineConstraints = {}): fc.Arbitrary<InvalidHistoryLine> => {
  if (mutations.length === 0) throw new RangeError("mutations must name at least one mutation");
  const event = arbitraryCampaignEvent();
  const byMutation: { readonly [M in LineMutation]: fc.Arbitrary<InvalidHistoryLine> } = {
    "invalid-json": fc.record({ event, cut: fc.nat() }).map(({ event: e, cut }) => {
      const text = JSON.stringify(e);
      return { line: text.slice(0, cut % text.length), mutation: "invalid-json", path: "(line)" };
    }),
    "invalid-event": arbitraryInvalidEventJson({ mutations: ["missing-field", "unknown-field", "wrong-type", "invalid-value", "unknown-type", "data-not-an-object"] }).map(
      ({ json, path }) => ({ line: JSON.stringify(json), mutation: "invalid-event", path }),
    ),
    "invalid-envelope": fc.record({ event, bad: fc.constantFrom(...BAD_ENVELOPES) }).map(({ event: e, bad: [field, value, path] }) => ({
      line: JSON.stringify({ ...e, ...GOOD_ENVELOPE, [field]: value }),
      mutation: "invalid-envelope",
      path,
    })),
  };
  return fc.oneof(...mutations.map((m) => byMutation[m]));
};
