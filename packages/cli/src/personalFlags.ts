import type { EventStore } from "@tenfold/core";
import type { OpenedStore, StoreOpenOptions } from "./io.js";
import type { PersonalValues } from "@tenfold/core/audit";
import type { SubjectKeyStore } from "@tenfold/core/personal";
import * as E from "fp-ts/lib/Either.js";
import * as TE from "fp-ts/lib/TaskEither.js";
import { type CliError, usageError } from "./CliError.js";
import { openKeys, protectsPersonalData, type Salting, withKeys } from "./personalData.js";
import { reconcileWithFile } from "./reconcileFile.js";
import { pipe } from "fp-ts/lib/function.js";

// model

/** `--keys DIR`: the key store of a file kept with its personal values encrypted (DOMAIN.md, personal data). */
export const KEYS_FLAG = { keys: { type: "string" } } as const;

/** `--personal include|omit|encrypted`: how personal values are written. */
export const PERSONAL_FLAG = { personal: { type: "string" } } as const;

const MODES: ReadonlyArray<PersonalValues> = ["include", "omit", "encrypted"];

// utils

/** `--personal`'s value (default omit); `encrypted` only with `--keys`. */
export const personalFlag = (command: string, value: string | undefined, keys: string | undefined): E.Either<CliError, PersonalValues> => {
  if (value === undefined) return E.right("omit");
  const mode = MODES.find((m) => m === value);
  if (mode === undefined) return E.left(usageError(command, `invalid --personal "${value}": expected include, omit or encrypted`));
  if (mode === "encrypted" && keys === undefined) return E.left(usageError(command, "--personal encrypted needs --keys DIR: the key store to encrypt the values under"));
  return E.right(mode);
};

/**
 * The key store `--keys` names, opened; none when not given. With the `input` file it keeps keys
 * for, the keys of subjects that file records as erased are destroyed again first (a key directory
 * restored from a backup taken before an erasure must not bring the data back).
 */
export const keysFlag = (dir: string | undefined, input?: string): TE.TaskEither<CliError, SubjectKeyStore | undefined> =>
  dir === undefined ? TE.right(undefined) : input === undefined ? openKeys(dir) : pipe(openKeys(dir), TE.tap((keys) => reconcileWithFile(keys, input, dir)));

/** The warning printed on stderr whenever personal values are written in the clear. */
export const personalDataWarning = (out: string): string =>
  `tenfold: warning: ${out} holds personal values in the clear (--personal include): it is personal data itself; keep it as such and delete it when done\n`;

/**
 * The store to append events to: the store itself when it protects its personal data with keys
 * that outlive this process (its own key store, or the one `--keys` opened it with), else the
 * store with its personal values encrypted under `--keys`; without either, a usage error (the
 * values would be stored without their keys, or their keys die with the process).
 */
export const storeForWriting = (command: string, opened: OpenedStore, keys: SubjectKeyStore | undefined, io: Salting): E.Either<CliError, EventStore> => {
  const { store } = opened;
  if (protectsPersonalData(store) && opened.keysInMemory !== true) return E.right(store);
  if (keys !== undefined && !protectsPersonalData(store)) return E.right(withKeys(store, keys, io));
  return E.left(usageError(command, "--store: this store keeps no key store of its own for personal data: give --keys DIR to keep the subjects' keys there"));
};

/** The store to read from: with `--keys`, a store that does not protect its personal data itself has its encrypted values revealed with them. */
export const storeForReading = (store: EventStore, keys: SubjectKeyStore | undefined, io: Salting): EventStore => (keys === undefined ? store : withKeys(store, keys, io));

/** What a store is opened with for `--keys`: its key store, or nothing. */
export const keysOption = (keys: SubjectKeyStore | undefined): StoreOpenOptions => (keys === undefined ? {} : { keys });
