/* The data subjects' keys in a directory, for the CLI: one NDJSON file replaced atomically, under a lock, private to its owner. */
import { mkdir, readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import {
  type KeyStoreError,
  type PersonalAlgorithm,
  type PersonalCipher,
  type SubjectKey,
  type SubjectKeyStore,
  type SubjectRef,
  keyStoreCorrupt,
  keyStoreUnavailable,
  subjectAlreadyErased,
  subjectRefKey,
} from "@tenfold/core/personal";
import * as E from "fp-ts/lib/Either.js";
import type * as TE from "fp-ts/lib/TaskEither.js";
import { describeFileSystemError } from "./CliError.js";
import { LockHeld, withFileLock, writeFileDurably } from "./durableFile.js";

// model

/** The file of a key store's directory. */
export const KEY_FILE = "subject-keys.ndjson";

/** The first line of the file: what it is, in which version of its format. */
const HEADER = { format: "tenfold-subject-keys", version: 1 } as const;

/** The length in bytes of a key of each algorithm. */
const KEY_BYTES: Readonly<Record<PersonalAlgorithm, number>> = { "AES-256-GCM": 32 };

/** A subject the store knows: its key, or none when it was erased (a tombstone, kept for good). */
interface Entry {
  readonly ref: SubjectRef;
  readonly key: SubjectKey | undefined;
}

/** Everything the file holds, by {@link subjectRefKey}, in the order subjects came. */
type Held = ReadonlyMap<string, Entry>;

const FILE_MODE = 0o600;
const DIR_MODE = 0o700;

// the file

const isRecord = (u: unknown): u is Record<string, unknown> => typeof u === "object" && u !== null && !Array.isArray(u);

const parseJson = (text: string): unknown => {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    // JSON.parse's message quotes the text, which may hold key bytes: never pass it on.
    return undefined;
  }
};

/** A key's bytes from its base64, or undefined when it is not exactly that many bytes of canonical base64. */
const keyBytes = (text: unknown, length: number): Uint8Array | undefined => {
  if (typeof text !== "string" || !/^[A-Za-z0-9+/]*={0,2}$/.test(text)) return undefined;
  const decoded = Buffer.from(text, "base64");
  const bytes = decoded.length === length && decoded.toString("base64") === text ? new Uint8Array(decoded) : undefined;
  decoded.fill(0);
  return bytes;
};

/** One subject's line, or why it is not one (the reason never quotes a key). */
const entryOf = (u: unknown): Entry | string => {
  if (!isRecord(u)) return "expected a JSON object";
  const { campaignId, subject, algorithm, key, erased, ...rest } = u;
  // Field names are not quoted either: a garbled line's could be anything.
  if (Object.keys(rest).length > 0) return "it holds fields a key store line does not have";
  if (typeof campaignId !== "string") return "expected a campaignId";
  if (typeof subject !== "string") return "expected a subject";
  const ref = { campaignId, subject };
  if (erased !== undefined) return erased === true && algorithm === undefined && key === undefined ? { ref, key: undefined } : `the tombstone of ${subject} must hold only campaignId, subject and erased: true`;
  if (typeof algorithm !== "string" || !Object.hasOwn(KEY_BYTES, algorithm)) return `the key of ${subject} is of an algorithm this version does not know`;
  const material = keyBytes(key, KEY_BYTES[algorithm as PersonalAlgorithm]);
  if (material === undefined) return `the key of ${subject} is not ${KEY_BYTES[algorithm as PersonalAlgorithm]} bytes in base64`;
  return { ref, key: Object.freeze({ algorithm: algorithm as PersonalAlgorithm, material }) };
};

/** The file's subjects, or KeyStoreCorrupt naming the file and line. */
const parseKeyFile = (file: string, text: string): E.Either<KeyStoreError, Held> => {
  const lines = text.split("\n");
  if (lines.pop() !== "") return E.left(keyStoreCorrupt(`${file}:${lines.length + 1}`, "its last line does not end with a newline: the file was cut short"));
  const header = parseJson(lines[0] ?? "");
  if (!isRecord(header) || header["format"] !== HEADER.format || header["version"] !== HEADER.version) {
    return E.left(keyStoreCorrupt(`${file}:1`, `expected the header ${JSON.stringify(HEADER)}: this is not a key store of this version of Tenfold`));
  }
  const held = new Map<string, Entry>();
  for (let i = 1; i < lines.length; i++) {
    const entry = entryOf(parseJson(lines[i] as string));
    if (typeof entry === "string") return E.left(keyStoreCorrupt(`${file}:${i + 1}`, `${entry} (a line is a subject's key or its tombstone)`));
    const k = subjectRefKey(entry.ref);
    if (held.has(k)) return E.left(keyStoreCorrupt(`${file}:${i + 1}`, `subject ${entry.ref.subject} of campaign ${entry.ref.campaignId} appears twice`));
    held.set(k, entry);
  }
  return E.right(held);
};

const lineOf = ({ ref, key }: Entry): string => {
  if (key === undefined) return JSON.stringify({ campaignId: ref.campaignId, subject: ref.subject, erased: true });
  const encoded = Buffer.from(key.material);
  const line = JSON.stringify({ campaignId: ref.campaignId, subject: ref.subject, algorithm: key.algorithm, key: encoded.toString("base64") });
  encoded.fill(0);
  return line;
};

const render = (held: Held): string => `${[JSON.stringify(HEADER), ...[...held.values()].map(lineOf)].join("\n")}\n`;

// the store

const openToOthers = (mode: number): boolean => process.platform !== "win32" && (mode & 0o077) !== 0;

const octal = (mode: number): string => (mode & 0o777).toString(8).padStart(4, "0");

/** What a file-system failure (or a lock held too long) says, as KeyStoreUnavailable; never anything read from the file. */
const unavailable = (what: string, error: unknown): KeyStoreError =>
  keyStoreUnavailable(`${what}: ${error instanceof LockHeld ? error.message : describeFileSystemError(error)}`);

/** The directory, made private (0700) when it is made; an existing one open to other users is refused, never changed. */
const privateDirectory = async (dir: string): Promise<E.Either<KeyStoreError, void>> => {
  try {
    await mkdir(dir, { recursive: true, mode: DIR_MODE });
    const info = await stat(dir);
    if (!info.isDirectory()) return E.left(keyStoreUnavailable(`${dir} is not a directory`));
    if (openToOthers(info.mode)) return E.left(keyStoreUnavailable(`the key directory ${dir} is open to other users (mode ${octal(info.mode)}): make it private (chmod 700)`));
    return E.right(undefined);
  } catch (error) {
    return E.left(unavailable(`cannot open the key directory ${dir}`, error));
  }
};

/**
 * A key store in directory `dir` (made, mode 0700, when missing; an existing one open to other
 * users is refused), holding its subjects in `subject-keys.ndjson` (mode 0600): a header line,
 * then one line a subject, its key (the algorithm named, the bytes in base64) or, once erased,
 * its tombstone. Every change rewrites the file whole and atomically (a temporary file, flushed,
 * renamed over it, the directory flushed), under a lock shared with other processes: a crash at
 * any point leaves the old file or the new one. `keysFor` creating any number of keys writes once;
 * `destroy` writes the file again without the key's bytes (the file system may keep the freed
 * blocks: keep the directory on an encrypted disk) and with the subject's tombstone. A file that
 * cannot be read is KeyStoreCorrupt naming the file and line; no message holds a key byte.
 */
export const openFileKeyStore = (dir: string, cipher: Pick<PersonalCipher, "algorithm" | "newKey">): TE.TaskEither<KeyStoreError, SubjectKeyStore> => async () => {
  const file = join(dir, KEY_FILE);
  let cache: { readonly stamp: string; readonly held: Held } | undefined;
  let queue: Promise<unknown> = Promise.resolve();

  /** Runs one operation after the ones before it in this process, never rejecting. */
  const serial = <A>(work: () => Promise<E.Either<KeyStoreError, A>>, what: string): Promise<E.Either<KeyStoreError, A>> => {
    const run = queue.then(work).catch((error: unknown) => E.left(unavailable(`cannot ${what} ${file}`, error)));
    queue = run;
    return run;
  };

  const stampOf = async (): Promise<{ readonly stamp: string; readonly mode: number } | undefined> => {
    try {
      const info = await stat(file, { bigint: true });
      return { stamp: `${info.ino}:${info.size}:${info.mtimeNs}:${info.ctimeNs}`, mode: Number(info.mode) };
    } catch (error) {
      if ((error as { code?: unknown }).code === "ENOENT") return undefined;
      throw error;
    }
  };

  /** What the file holds now: read again only when it changed (another process may have written it). */
  const load = async (): Promise<E.Either<KeyStoreError, Held>> => {
    const now = await stampOf();
    if (now === undefined) return E.right(new Map());
    if (cache?.stamp === now.stamp) return E.right(cache.held);
    if (openToOthers(now.mode)) return E.left(keyStoreUnavailable(`${file} is open to other users (mode ${octal(now.mode)}): make it private (chmod 600)`));
    const parsed = parseKeyFile(file, await readFile(file, "utf8"));
    if (E.isRight(parsed)) cache = { stamp: now.stamp, held: parsed.right };
    return parsed;
  };

  /** Loads under the lock, changes, and writes once when `change` gives a new content. */
  const update = <A>(change: (held: Held) => E.Either<KeyStoreError, { readonly next: Held | undefined; readonly result: A }>): Promise<E.Either<KeyStoreError, A>> =>
    withFileLock(
      file,
      async () => {
        const held = await load();
        if (E.isLeft(held)) return held;
        const changed = change(held.right);
        if (E.isLeft(changed)) return changed;
        const { next, result } = changed.right;
        if (next !== undefined) {
          await writeFileDurably(file, render(next), { mode: FILE_MODE });
          const now = await stampOf();
          cache = now === undefined ? undefined : { stamp: now.stamp, held: next };
        }
        return E.right(result);
      },
      { holder: "process using this key store", mode: FILE_MODE },
    );

  const erasedAmong = (held: Held, refs: ReadonlyArray<SubjectRef>): SubjectRef | undefined =>
    refs.find((ref) => {
      const entry = held.get(subjectRefKey(ref));
      return entry !== undefined && entry.key === undefined;
    });

  const keysOf = (held: Held, refs: ReadonlyArray<SubjectRef>): ReadonlyMap<string, SubjectKey> => {
    const found = new Map<string, SubjectKey>();
    for (const ref of refs) {
      const key = held.get(subjectRefKey(ref))?.key;
      if (key !== undefined) found.set(subjectRefKey(ref), key);
    }
    return found;
  };

  const keysFor: SubjectKeyStore["keysFor"] = (refs) => () =>
    serial(async () => {
      const seen = await load();
      if (E.isLeft(seen)) return seen;
      const gone = erasedAmong(seen.right, refs);
      if (gone !== undefined) return E.left(subjectAlreadyErased(gone));
      if (refs.every((ref) => seen.right.has(subjectRefKey(ref)))) return E.right(keysOf(seen.right, refs));
      return update((held) => {
        const erased = erasedAmong(held, refs);
        if (erased !== undefined) return E.left(subjectAlreadyErased(erased));
        const next = new Map(held);
        for (const { campaignId, subject } of refs) {
          const k = subjectRefKey({ campaignId, subject });
          if (!next.has(k)) next.set(k, { ref: { campaignId, subject }, key: Object.freeze({ algorithm: cipher.algorithm, material: cipher.newKey() }) });
        }
        return E.right({ next, result: keysOf(next, refs) });
      });
    }, "write the keys to");

  const existingKeys: SubjectKeyStore["existingKeys"] = (refs) => () => serial(async () => E.map((held: Held) => keysOf(held, refs))(await load()), "read");

  const destroy: SubjectKeyStore["destroy"] = (ref) => () =>
    serial(async () => {
      let destroyed: SubjectKey | undefined;
      const done = await update((held) => {
        const k = subjectRefKey(ref);
        const entry = held.get(k);
        if (entry !== undefined && entry.key === undefined) return E.right({ next: undefined, result: undefined });
        destroyed = entry?.key;
        return E.right({ next: new Map(held).set(k, { ref: { campaignId: ref.campaignId, subject: ref.subject }, key: undefined }), result: undefined });
      });
      // The bytes left the file: forget them in memory too (as the in-memory key store does).
      if (E.isRight(done)) destroyed?.material.fill(0);
      return done;
    }, "destroy a key in");

  const erasedSubjects: SubjectKeyStore["erasedSubjects"] = () => () =>
    serial(async () => E.map((held: Held) => [...held.values()].flatMap((e) => (e.key === undefined ? [e.ref] : [])))(await load()), "read");

  const opened = await privateDirectory(dir);
  if (E.isLeft(opened)) return opened;
  const first = await serial(load, "read");
  return E.isLeft(first) ? first : E.right({ keysFor, existingKeys, destroy, erasedSubjects });
};
