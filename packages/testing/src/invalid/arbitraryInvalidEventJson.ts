import { EVENT_TYPES, type EventType } from "@tenfold/core";
import fc from "fast-check";
import { arbitraryCampaignEvent } from "../events/arbitraryEvents.js";
import { type FieldKind, fieldsOf } from "../events/fields.js";

// model

/** How a well-formed event's JSON was broken. */
export type EventMutation =
  | "missing-field"
  | "unknown-field"
  | "wrong-type"
  | "invalid-value"
  | "unknown-type"
  | "unknown-top-level-field"
  | "data-not-an-object"
  | "not-an-object";

/** The JSON of an event broken in one place, and the path the decoder must name (`data.cadreIds`, `type`, …). */
export interface InvalidEventJson {
  readonly json: unknown;
  readonly mutation: EventMutation;
  /** Every issue reported is at this path or inside it (`data.cadreIds` covers `data.cadreIds[1]`). */
  readonly path: string;
}

/** Options of {@link arbitraryInvalidEventJson}. */
export interface InvalidEventJsonConstraints {
  /** The mutations to apply. @defaultValue every mutation */
  readonly mutations?: ReadonlyArray<EventMutation>;
  /** The event types to break. @defaultValue every type of the catalog */
  readonly types?: ReadonlyArray<EventType>;
}

// constants

/** Every mutation of {@link EventMutation}. */
export const EVENT_MUTATIONS: ReadonlyArray<EventMutation> = [
  "missing-field",
  "unknown-field",
  "wrong-type",
  "invalid-value",
  "unknown-type",
  "unknown-top-level-field",
  "data-not-an-object",
  "not-an-object",
];

const UNKNOWN_FIELDS = ["extra", "groupID", "campaign_id", "note", "Type"];
const UNKNOWN_TYPES = ["GroupCreated", "groupFormed", "", "FormGroup", "CampaignEvent"];
const NOT_OBJECTS: ReadonlyArray<unknown> = [null, [], "GroupFormed", 42, true];

const STRING_KINDS: ReadonlySet<FieldKind> = new Set(["id", "text", "day", "contactKind", "role", "setting", "fundKind", "subject"]);
const LIST_KINDS: ReadonlySet<FieldKind> = new Set(["ids", "idsOrEmpty", "purposes", "checklist"]);

/** Values of the wrong JSON type for each kind of field. */
const wrongTypes = (kind: FieldKind): ReadonlyArray<unknown> =>
  STRING_KINDS.has(kind) || kind === "nullableId"
    ? [42, true, ["a"], { a: 1 }, ...(kind === "nullableId" ? [] : [null])]
    : LIST_KINDS.has(kind)
      ? ["a", { 0: "a" }, null, 1, [1]]
      : kind === "boolean"
        ? ["true", 0, null]
        : ["3", null, true, [1]];

/** Values of the right JSON type that the field's codec refuses. */
const invalidValues = (kind: FieldKind): ReadonlyArray<unknown> => {
  switch (kind) {
    case "id":
    case "nullableId":
      return ["", "has space", "x".repeat(65), "组", "a/b"];
    case "text":
      return ["", " padded", "trailing\n", "x".repeat(501)];
    case "day":
      return ["2013-02-30", "2013-13-01", "2013-3-1", "0000-01-01", "1900-02-29"];
    case "count":
      return [-1, 1.5, 2 ** 53];
    case "fen":
      return [0, -5, 0.5, 2 ** 53];
    case "boolean":
      return ["yes"];
    case "contactKind":
    case "role":
    case "setting":
    case "fundKind":
      return ["pond", "", "Village"];
    case "ids":
      return [[], ["a", "a"], ["ok", "bad id"]];
    case "idsOrEmpty":
      return [["a", "a"], ["bad id"]];
    case "purposes":
      return [[], ["talk", "talk"], ["party"]];
    case "checklist":
      return [[], ["village", "village"], ["pond"]];
    case "subject":
      return ["", "cadre:", "group:g1", "cadre:has space", "contact", `contact:${"x".repeat(65)}`, "Cadre:c1"];
  }
};

const at = <A>(xs: ReadonlyArray<A>, n: number): A => xs[n % xs.length] as A;

const mutate = (json: { type: EventType; data: Record<string, unknown> }, mutation: EventMutation, n: number, m: number): InvalidEventJson => {
  const fields: ReadonlyArray<readonly [string, FieldKind]> = [["campaignId", "id"], ...fieldsOf(json.type)];
  const [field, kind] = at(fields, n);
  const data: Record<string, unknown> = { ...json.data };
  const broken = (path = `data.${field}`): InvalidEventJson => ({ json: { type: json.type, data }, mutation, path });
  switch (mutation) {
    case "missing-field":
      return { json: { type: json.type, data: Object.fromEntries(Object.entries(data).filter(([k]) => k !== field)) }, mutation, path: `data.${field}` };
    case "unknown-field": {
      const name = at(UNKNOWN_FIELDS, m);
      data[name] = at(["x", 1, null, []], n);
      return broken(`data.${name}`);
    }
    case "wrong-type":
      data[field] = at(wrongTypes(kind), m);
      return broken();
    case "invalid-value":
      data[field] = at(invalidValues(kind), m);
      return broken();
    case "unknown-type":
      return { json: { ...json, type: at(UNKNOWN_TYPES, m) }, mutation, path: "type" };
    case "unknown-top-level-field": {
      const name = at(UNKNOWN_FIELDS, m);
      return { json: { ...json, [name]: 1 }, mutation, path: name };
    }
    case "data-not-an-object":
      return { json: { type: json.type, data: at([...NOT_OBJECTS, undefined], m) }, mutation, path: "data" };
    case "not-an-object":
      return { json: at(NOT_OBJECTS, m), mutation, path: "(the value)" };
  }
};

// constructors

/**
 * The JSON of a well-formed event broken in exactly one place, for negative properties of the
 * codecs: decoding it fails, naming `path`.
 * @example
 * test.prop([arbitraryInvalidEventJson()])("…", ({ json, path }) => { expect(decodeEvent(json)).toMatchObject(…); });
 */
export const arbitraryInvalidEventJson = ({ mutations = EVENT_MUTATIONS, types = EVENT_TYPES }: InvalidEventJsonConstraints = {}): fc.Arbitrary<InvalidEventJson> => {
  if (mutations.length === 0) throw new RangeError("mutations must name at least one mutation");
  return fc
    .record({ event: arbitraryCampaignEvent({ types }), mutation: fc.constantFrom(...mutations), n: fc.nat(), m: fc.nat() })
    .map(({ event, mutation, n, m }) => mutate(JSON.parse(JSON.stringify(event)) as { type: EventType; data: Record<string, unknown> }, mutation, n, m));
};
