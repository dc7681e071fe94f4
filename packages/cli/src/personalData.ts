import { describeStoreError, type EventStore, type NewEvent, type PersonalEntry, type StoreError } from "@tenfold/core";
import { newEvent, recordedEvent } from "@tenfold/core/adapter";
import { nodePersonalCipher, nodeSha256 } from "@tenfold/core/node";
import { createMemoryKeyStore, describeKeyStoreError, type PersonalDataOptions, type PersonalDataStore, protectEvents, revealEvents, type SubjectKeyStore, withPersonalData } from "@tenfold/core/personal";
import { createMemoryEventStore } from "@tenfold/store-memory";
import * as E from "fp-ts/lib/Either.js";
import { pipe } from "fp-ts/lib/function.js";
import * as TE from "fp-ts/lib/TaskEither.js";
import { type CliError, fileError } from "./CliError.js";
import { openFileKeyStore } from "./fileKeyStore.js";
import type { CliIo } from "./io.js";
import { isEncrypted } from "./personalEntries.js";

/*
 * Personal data in the CLI (DOMAIN.md, schema version 2): the Node cipher and hash, key stores (a
 * directory given with --keys, or one in memory), and the step every written line takes: its
 * encrypted values revealed with the keys that exist, then committed to and encrypted again, so
 * that one event can be written with its values, without them, or in the stored form.
 */

// model

/** The cipher and hash personal values are protected with. */
export const PERSONAL_PLATFORM = { cipher: nodePersonalCipher, sha256: nodeSha256 } as const;

/** What protecting personal values takes of the io: its random bytes for salts (tests make them reproducible). */
export type Salting = Pick<CliIo, "randomBytes">;

/** The cipher, hash and random bytes personal values are protected with. */
const protection = (io: Salting): PersonalPlatform => ({ ...PERSONAL_PLATFORM, ...(io.randomBytes === undefined ? {} : { randomBytes: io.randomBytes }) });

type PersonalPlatform = Omit<PersonalDataOptions, "keys" | "erasedInLog">;

/** An event of a line with its personal entries complete: values where known, salts, commitments and (when protected) the encrypted form. */
export type FullEvent = NewEvent;

// constructors

/** A key store in this process's memory: its keys die with it. */
export const memoryKeys = (): SubjectKeyStore => createMemoryKeyStore(nodePersonalCipher);

/** The key store in `dir` (`--keys DIR`); one that cannot be opened or read is an unreadable file (exit 2), named without a key byte. */
export const openKeys = (dir: string): TE.TaskEither<CliError, SubjectKeyStore> =>
  pipe(
    openFileKeyStore(dir, nodePersonalCipher),
    TE.mapLeft((error) => fileError(dir, describeKeyStoreError(error))),
  );

/** Whether a store protects its personal data itself (it is a {@link PersonalDataStore}). */
export const protectsPersonalData = (store: EventStore): store is PersonalDataStore => "reconcileErasures" in store;

/** The store with its personal data protected under `keys`: itself when it protects them already. */
export const withKeys = (store: EventStore, keys: SubjectKeyStore, io: Salting): EventStore => (protectsPersonalData(store) ? store : withPersonalData(store, { keys, ...protection(io) }));

/** An in-memory store for a file read through the decider: sealed, its personal values committed (salts from the io's random bytes) and encrypted under keys in memory. */
export const memoryHistoryStore = (io: Salting): EventStore => createMemoryEventStore({ keys: memoryKeys(), ...(io.randomBytes === undefined ? {} : { randomBytes: io.randomBytes }) });

// utils

/** A store error on a line: the issues of an event that cannot be revealed (its encrypted value was changed), else the store's message. */
export const describeLineFailure = (error: StoreError): string => (error._tag === "InvalidStoredEvent" ? error.issues.map((i) => `${i.path}: ${i.message}`).join("; ") : describeStoreError(error));

/** Each encrypted value of `event` decrypted with `keys` where its subject's key exists, else null (read as erased); an event with none as it is. */
export const revealLine = (keys: SubjectKeyStore, event: NewEvent, streamId: string): TE.TaskEither<StoreError, NewEvent> => {
  if (!isEncrypted(event.personal)) return TE.right(event);
  return pipe(
    revealEvents({ keys, cipher: nodePersonalCipher }, [recordedEvent(event, { streamId, streamRevision: 0n, position: 0n })]),
    TE.map((events) => {
      const read = events[0] ?? event;
      const { type, data, eventId, schemaVersion, recordedAt, metadata, personal, erased } = read;
      return newEvent({ type, data, eventId, schemaVersion, recordedAt, metadata, personal, erased });
    }),
  );
};

/**
 * Commits to and encrypts the personal values of `events` under `keys` (creating the keys that do
 * not exist: give keys in memory unless the stored form is written), and gives each event complete:
 * its values, each entry's subject, commitment, salt (where the value is known) and encrypted form.
 * A salt and commitment the event carries are kept (and checked); a value without them gets a new salt.
 */
export const protectLines = (keys: SubjectKeyStore, events: ReadonlyArray<NewEvent>, io: Salting): TE.TaskEither<StoreError, ReadonlyArray<FullEvent>> =>
  pipe(
    E.tryCatch(
      () => protectEvents({ keys, ...protection(io) }, events),
      // Lines are judged before (personalProblems): a malformed entry here is a defect, said without its value.
      (error): StoreError => ({ _tag: "StoreFailure", reason: error instanceof RangeError ? error.message : "the personal values could not be protected" }),
    ),
    TE.fromEither,
    TE.flatMap((protecting) => protecting),
    TE.map(({ stored, revealed }) =>
      events.map((event, i) => {
        const form = stored[i] ?? event;
        const read = revealed.get(event.eventId)?.personal ?? {};
        if (form.personal === undefined) return event;
        const entries: Record<string, PersonalEntry> = {};
        for (const [field, entry] of Object.entries(form.personal)) {
          const salt = read[field]?.salt;
          entries[field] = { ...entry, ...(salt === undefined ? {} : { salt }) };
        }
        return { ...event, personal: entries };
      }),
    ),
  );
