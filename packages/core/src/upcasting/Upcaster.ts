import * as E from "fp-ts/lib/Either.js";
import { type DecodeError, decodeIssue } from "../decoding/DecodeError.js";

// model

/** An event as written in some schema version, before decoding: its type and raw JSON data. */
export interface RawEvent {
  readonly type: string;
  readonly data: unknown;
}

/**
 * One step of schema evolution: turns an event of `type` written in schema version `fromVersion`
 * into the same event in version `fromVersion + 1` (possibly of another type, for a rename).
 * Law: total on every event the old version's codec accepted.
 */
export interface Upcaster {
  readonly type: string;
  readonly fromVersion: number;
  readonly upcast: (data: Readonly<Record<string, unknown>>) => RawEvent;
}

/**
 * Every step from the oldest readable version to `currentVersion`. A schema version is global: a
 * step lists the event types whose data changed; any other type reads the same in both versions.
 */
export interface UpcasterRegistry {
  readonly oldestVersion: number;
  readonly currentVersion: number;
  /** @internal By `${fromVersion}:${type}`. */
  readonly steps: ReadonlyMap<string, Upcaster>;
}

// constructors

const key = (fromVersion: number, type: string): string => `${fromVersion}:${type}`;

/**
 * A registry reading versions `oldestVersion` to `currentVersion`. Two upcasters for the same type
 * and version, or one outside that range, are a programmer error (RangeError).
 * @example
 * upcasterRegistry({ oldestVersion: 0, currentVersion: 1 }, [visitPhotosUpcaster])
 */
export const upcasterRegistry = (
  { oldestVersion, currentVersion }: { readonly oldestVersion: number; readonly currentVersion: number },
  upcasters: ReadonlyArray<Upcaster>,
): UpcasterRegistry => {
  if (!Number.isInteger(oldestVersion) || oldestVersion < 0 || !Number.isInteger(currentVersion) || currentVersion < oldestVersion) {
    throw new RangeError(`upcasterRegistry: versions must be whole numbers with 0 <= oldest <= current, got ${oldestVersion} and ${currentVersion}`);
  }
  const steps = new Map<string, Upcaster>();
  for (const upcaster of upcasters) {
    const { type, fromVersion } = upcaster;
    if (!Number.isInteger(fromVersion) || fromVersion < oldestVersion || fromVersion >= currentVersion) {
      throw new RangeError(`upcasterRegistry: ${type} from version ${fromVersion} is outside versions ${oldestVersion}..${currentVersion - 1}`);
    }
    if (steps.has(key(fromVersion, type))) throw new RangeError(`upcasterRegistry: two upcasters for ${type} from version ${fromVersion}`);
    steps.set(key(fromVersion, type), upcaster);
  }
  return { oldestVersion, currentVersion, steps };
};

// utils

const isRecord = (u: unknown): u is Readonly<Record<string, unknown>> => typeof u === "object" && u !== null && !Array.isArray(u);

/**
 * The event in the registry's current version: each step from `schemaVersion` up is applied in
 * turn. A version newer than the current one, or older than the oldest, is refused at
 * `schemaVersion`; data that is not an object is left for the codec to refuse.
 * Law: an event already in the current version is returned unchanged.
 */
export const upcastEvent = (registry: UpcasterRegistry, event: RawEvent, schemaVersion: number): E.Either<DecodeError, RawEvent> => {
  const { oldestVersion, currentVersion, steps } = registry;
  if (schemaVersion > currentVersion) {
    return E.left(decodeIssue("schemaVersion", `schema version ${schemaVersion} is not supported (this version reads ${currentVersion})`));
  }
  if (schemaVersion < oldestVersion) {
    return E.left(decodeIssue("schemaVersion", `schema version ${schemaVersion} is too old (this version reads ${oldestVersion} to ${currentVersion})`));
  }
  let current = event;
  for (let version = schemaVersion; version < currentVersion; version++) {
    const step = steps.get(key(version, current.type));
    if (step === undefined || !isRecord(current.data)) continue;
    current = step.upcast(current.data);
  }
  return E.right(current);
};
