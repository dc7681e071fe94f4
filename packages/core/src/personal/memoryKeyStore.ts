import * as E from "fp-ts/lib/Either.js";
import type * as TE from "fp-ts/lib/TaskEither.js";
import type { PersonalCipher } from "./PersonalCipher.js";
import { type KeyStoreError, type SubjectKey, type SubjectKeyStore, type SubjectRef, subjectAlreadyErased, subjectRefKey } from "./SubjectKeyStore.js";

/** A caller's own copy of a key. */
const copyOf = (key: SubjectKey): SubjectKey => Object.freeze({ algorithm: key.algorithm, material: key.material.slice() });

/**
 * A key store held in this process's memory: for tests, demos and the in-memory event store. Keys
 * die with the process, as the memory store's events do. Each caller gets its own copy of a key, so
 * that a destroyed key's bytes can be overwritten here without pulling them from under a reader
 * that is decrypting with its copy.
 */
export const createMemoryKeyStore = (cipher: Pick<PersonalCipher, "algorithm" | "newKey">): SubjectKeyStore => {
  const keys = new Map<string, SubjectKey>();
  const erased = new Map<string, SubjectRef>();
  const done = <A>(value: A): TE.TaskEither<KeyStoreError, A> => () => Promise.resolve(E.right(value));

  const keysFor: SubjectKeyStore["keysFor"] = (refs) => () => {
    const gone = refs.find((ref) => erased.has(subjectRefKey(ref)));
    if (gone !== undefined) return Promise.resolve(E.left(subjectAlreadyErased(gone)));
    const found = new Map<string, SubjectKey>();
    for (const ref of refs) {
      const k = subjectRefKey(ref);
      let key = keys.get(k);
      if (key === undefined) {
        key = Object.freeze({ algorithm: cipher.algorithm, material: cipher.newKey() });
        keys.set(k, key);
      }
      found.set(k, copyOf(key));
    }
    return Promise.resolve(E.right(found));
  };

  const existingKeys: SubjectKeyStore["existingKeys"] = (refs) => {
    const found = new Map<string, SubjectKey>();
    for (const ref of refs) {
      const key = keys.get(subjectRefKey(ref));
      if (key !== undefined) found.set(subjectRefKey(ref), copyOf(key));
    }
    return done(found);
  };

  const destroy: SubjectKeyStore["destroy"] = (ref) => {
    const k = subjectRefKey(ref);
    keys.get(k)?.material.fill(0);
    keys.delete(k);
    erased.set(k, { campaignId: ref.campaignId, subject: ref.subject });
    return done(undefined);
  };

  const erasedSubjects: SubjectKeyStore["erasedSubjects"] = () => done([...erased.values()]);

  return { keysFor, existingKeys, destroy, erasedSubjects };
};
