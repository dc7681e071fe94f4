import type * as TE from "fp-ts/lib/TaskEither.js";

// model

/** A data subject of one campaign: `cadre:<cadreId>` or `contact:<contactId>` (DOMAIN.md, personal data). */
export interface SubjectRef {
  readonly campaignId: string;
  readonly subject: string;
}

/** The algorithm personal values are encrypted with, named in everything stored so that another (SM4 through a KMS) can be added. */
export type PersonalAlgorithm = "AES-256-GCM";

/** A data subject's key: its algorithm and its secret bytes (never printed, never logged). */
export interface SubjectKey {
  readonly algorithm: PersonalAlgorithm;
  readonly material: Uint8Array;
}

/** Why a key store could not answer. Messages name the subject (a pseudonym), never a key or a personal value. */
export type KeyStoreError =
  | { readonly _tag: "KeyStoreUnavailable"; readonly reason: string }
  | { readonly _tag: "SubjectAlreadyErased"; readonly subject: string; readonly campaignId: string }
  | { readonly _tag: "KeyStoreCorrupt"; readonly where: string; readonly reason: string };

/**
 * The key-store port: one key per data subject, apart from the events. Keys are created on a
 * subject's first personal value and destroyed by its erasure; a destroyed subject is remembered
 * (as erased) so that no key is ever made for it again. Every failure is a {@link KeyStoreError}.
 */
export interface SubjectKeyStore {
  /** The keys of these subjects, creating those that do not exist yet (durably, before the task ends); SubjectAlreadyErased when one was erased, and then nothing is created. */
  readonly keysFor: (refs: ReadonlyArray<SubjectRef>) => TE.TaskEither<KeyStoreError, ReadonlyMap<string, SubjectKey>>;
  /** The keys that exist of these subjects, by {@link subjectRefKey}; a subject erased or never given a key is absent. */
  readonly existingKeys: (refs: ReadonlyArray<SubjectRef>) => TE.TaskEither<KeyStoreError, ReadonlyMap<string, SubjectKey>>;
  /** Destroys the subject's key (durably) and remembers it as erased; destroying an erased or unknown subject is not an error. */
  readonly destroy: (ref: SubjectRef) => TE.TaskEither<KeyStoreError, void>;
  /** Every subject this store remembers as erased. */
  readonly erasedSubjects: () => TE.TaskEither<KeyStoreError, ReadonlyArray<SubjectRef>>;
}

// constructors

/** A key store that could not be reached or written. */
export const keyStoreUnavailable = (reason: string): KeyStoreError => ({ _tag: "KeyStoreUnavailable", reason });

/** A key was asked for a subject that was erased. */
export const subjectAlreadyErased = (ref: SubjectRef): KeyStoreError => ({ _tag: "SubjectAlreadyErased", subject: ref.subject, campaignId: ref.campaignId });

/** What a key store holds cannot be read as keys. */
export const keyStoreCorrupt = (where: string, reason: string): KeyStoreError => ({ _tag: "KeyStoreCorrupt", where, reason });

// utils

/** The one string naming a subject of a campaign: `<campaignId>/<subject>` (an Id holds no `/`). */
export const subjectRefKey = (ref: SubjectRef): string => `${ref.campaignId}/${ref.subject}`;

/** One line saying what went wrong with a key store. */
export const describeKeyStoreError = (error: KeyStoreError): string => {
  switch (error._tag) {
    case "KeyStoreUnavailable":
      return `the key store is unavailable: ${error.reason}`;
    case "SubjectAlreadyErased":
      return `subject ${error.subject} of campaign ${error.campaignId} was erased: no personal value of it can be recorded`;
    case "KeyStoreCorrupt":
      return `the key store at ${error.where} cannot be read: ${error.reason}`;
  }
};
