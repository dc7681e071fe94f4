import * as E from "fp-ts/lib/Either.js";
import { PERSONAL_FIELD } from "../decider/personal.js";
import type * as t from "io-ts";
import { type Command, EVENT_FOR_COMMAND, isCommandType } from "../commands/catalog.js";
import { type CampaignEvent, EVENT_DATA, EVENT_TYPES, type EventType, isEventType } from "../events/catalog.js";
import { unknownKeys } from "../values/collections.js";
import { show } from "../values/refine.js";
import { type DecodeError, decodeIssue, fromValidationErrors } from "./DecodeError.js";

const isRecord = (u: unknown): u is Record<string, unknown> => typeof u === "object" && u !== null && !Array.isArray(u);

const COMMAND_TYPES = Object.keys(EVENT_FOR_COMMAND);

/**
 * An issue about a personal field (DOMAIN.md, personal data) says what is wrong without quoting
 * the value: "got …" becomes the kind of value it got.
 */
const withoutPersonalValue = (eventType: EventType, data: unknown, error: DecodeError): DecodeError => {
  const field = PERSONAL_FIELD[eventType];
  if (field === undefined) return error;
  const path = `data.${field}`;
  const value = typeof data === "object" && data !== null ? (data as Record<string, unknown>)[field] : undefined;
  const kind = value === null ? "null" : Array.isArray(value) ? "a list" : typeof value === "string" ? "a string" : typeof value === "object" ? "an object" : `a ${typeof value}`;
  const issues = error.issues.map((issue) =>
    issue.path === path || issue.path.startsWith(`${path}.`) || issue.path.startsWith(`${path}[`)
      ? { path: issue.path, message: issue.message.replace(/, got (?!an empty string|leading or trailing white space|\d+$).*$/s, kind === "null" ? ", got null" : `, got ${kind} (not shown: it is personal data)`) }
      : issue,
  );
  return { _tag: "DecodeError", issues };
};

const decodeData = (eventType: EventType, data: unknown): E.Either<DecodeError, CampaignEvent["data"]> => {
  const codec = EVENT_DATA[eventType] as t.Decoder<unknown, CampaignEvent["data"]>;
  const result = codec.decode(data);
  return E.isRight(result) ? E.right(result.right) : E.left(withoutPersonalValue(eventType, data, fromValidationErrors(result.left, "data")));
};

const unknownFields = (u: Record<string, unknown>, allowed: ReadonlySet<string>, what: string): DecodeError | undefined => {
  const extra = unknownKeys(u, allowed);
  return extra.length === 0
    ? undefined
    : { _tag: "DecodeError", issues: extra.map((k) => ({ path: k, message: `is not a field of ${what}` })) };
};

const TYPE_AND_DATA: ReadonlySet<string> = new Set(["type", "data"]);

/**
 * Decodes `{ type, data }` as an event of the catalog, refusing unknown types and fields.
 * Extra top-level fields are allowed only when listed in `envelopeFields`.
 * @example
 * decodeEvent({ type: "GroupFormed", data: { campaignId: "c", groupId: "g1", name: "Group one", formedOn: "2013-03-02" } })
 */
export const decodeEvent = (
  u: unknown,
  envelopeFields: ReadonlySet<string> = TYPE_AND_DATA,
): E.Either<DecodeError, CampaignEvent> => {
  if (!isRecord(u)) return E.left(decodeIssue("(the value)", `expected an event {"type", "data"}, got ${show(u)}`));
  const type = u["type"];
  if (typeof type !== "string" || !isEventType(type)) {
    const hint = typeof type === "string" && isCommandType(type) ? ` (a command: the event it records is ${EVENT_FOR_COMMAND[type]})` : "";
    return E.left(decodeIssue("type", `expected an event type (${EVENT_TYPES.join(", ")}), got ${show(type)}${hint}`));
  }
  const extra = unknownFields(u, envelopeFields, "an event");
  if (extra !== undefined) return E.left(extra);
  const data = decodeData(type, u["data"]);
  return E.isLeft(data) ? data : E.right({ type, data: data.right } as CampaignEvent);
};

/**
 * Decodes `{ type, data }` as a command (DOMAIN.md: its data is that of the event it records).
 * @example
 * decodeCommand({ type: "FormGroup", data: { campaignId: "c", groupId: "g1", name: "Group one", formedOn: "2013-03-02" } })
 */
export const decodeCommand = (u: unknown): E.Either<DecodeError, Command> => {
  const decoded = decodeUnmarked(u);
  if (E.isRight(decoded)) DECODED.add(decoded.right);
  return decoded;
};

/** Commands this module decoded or built from decoded events: the handler need not decode them again. */
const DECODED = new WeakSet<Command>();

/** @internal Marks a command built from a decoded event as decoded. */
export const markDecoded = (command: Command): Command => {
  DECODED.add(command);
  return command;
};

/** @internal The command itself when decodeCommand (or eventToCommand) made it, else it decoded. */
export const asCommand = (u: unknown): E.Either<DecodeError, Command> =>
  typeof u === "object" && u !== null && DECODED.has(u as Command) ? E.right(u as Command) : decodeCommand(u);

const decodeUnmarked = (u: unknown): E.Either<DecodeError, Command> => {
  if (!isRecord(u)) return E.left(decodeIssue("(the value)", `expected a command {"type", "data"}, got ${show(u)}`));
  const type = u["type"];
  if (typeof type !== "string" || !isCommandType(type)) {
    return E.left(decodeIssue("type", `expected a command (${COMMAND_TYPES.join(", ")}), got ${show(type)}`));
  }
  const extra = unknownFields(u, TYPE_AND_DATA, "a command");
  if (extra !== undefined) return E.left(extra);
  const data = decodeData(EVENT_FOR_COMMAND[type], u["data"]);
  return E.isLeft(data) ? data : E.right({ type, data: data.right } as Command);
};
