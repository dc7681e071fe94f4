import { createHash } from "node:crypto";
import type { IdGenerator } from "@tenfold/core";

/*
 * Deterministic event ids: the same command id and index give the same UUID in every process,
 * so a retried append carries the ids of the first attempt and EventStoreDB recognises it.
 */

/** The namespace UUID of Tenfold's event ids (RFC 9562 name-based ids). */
export const TENFOLD_EVENT_ID_NAMESPACE = "ab8d0f97-ff00-4e31-8471-977fdf06b082";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString("hex");

/**
 * The version-5 (SHA-1, name-based) UUID of `name` in `namespace`, as RFC 9562 defines it.
 * @example
 * uuidV5("6ba7b810-9dad-11d1-80b4-00c04fd430c8", "www.example.com") // "2ed6657d-e927-568b-95e1-2665a8aea6a2"
 */
export const uuidV5 = (namespace: string, name: string): string => {
  if (!UUID.test(namespace)) throw new RangeError(`namespace must be a UUID, got ${JSON.stringify(namespace)}`);
  const digest = createHash("sha1").update(Buffer.from(namespace.replace(/-/g, ""), "hex")).update(name, "utf8").digest();
  const bytes = new Uint8Array(digest.subarray(0, 16));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x50;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const h = hex(bytes);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
};

/** The id of the `index`-th event (from 0) that the command `commandId` records: a UUID v5, the same everywhere. */
export const eventIdFor = (commandId: string, index: number): string => {
  if (typeof commandId !== "string" || commandId.length === 0) throw new RangeError("commandId must be a non-empty string");
  if (!Number.isSafeInteger(index) || index < 0) throw new RangeError(`index must be a whole number ≥ 0, got ${index}`);
  return uuidV5(TENFOLD_EVENT_ID_NAMESPACE, `${commandId}#${index}`);
};

/**
 * An {@link IdGenerator} for one command: its n-th call returns `eventIdFor(commandId, n)`. Give
 * a fresh one to each attempt at the command (same command id, e.g. the client's request id), so
 * that a retry after a lost reply writes nothing new.
 * @example
 * const ids = deterministicEventIds("request-42");
 * ids.eventId() === eventIdFor("request-42", 0); // true
 */
export const deterministicEventIds = (commandId: string): IdGenerator => {
  eventIdFor(commandId, 0); // checks the command id now
  let next = 0;
  return { eventId: () => eventIdFor(commandId, next++) };
};
