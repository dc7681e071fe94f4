import type * as FsPromises from "node:fs/promises";
import { chmod, mkdir, mkdtemp, readFile, readdir, rename, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { nodePersonalCipher } from "@tenfold/core/node";
import { type KeyStoreError, type SubjectKeyStore, type SubjectRef, describeKeyStoreError, subjectRefKey } from "@tenfold/core/personal";
import * as E from "fp-ts/lib/Either.js";
import type * as TE from "fp-ts/lib/TaskEither.js";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { KEY_FILE, openFileKeyStore } from "./fileKeyStore.js";

// Every durable write ends in one rename of its temporary file over the store's file: count them.
vi.mock("node:fs/promises", async (importOriginal) => {
  const actual = await importOriginal<typeof FsPromises>();
  return { ...actual, rename: vi.fn(actual.rename) };
});
const renames = vi.mocked(rename);

const run = async <A>(task: TE.TaskEither<KeyStoreError, A>): Promise<A> => {
  const result = await task();
  if (E.isLeft(result)) throw new Error(describeKeyStoreError(result.left));
  return result.right;
};

const refused = async <A>(task: TE.TaskEither<KeyStoreError, A>): Promise<KeyStoreError> => {
  const result = await task();
  if (E.isRight(result)) throw new Error("expected a KeyStoreError");
  return result.left;
};

const cadre = (n: number, campaignId = "xining-2013"): SubjectRef => ({ campaignId, subject: `cadre:cadre-${n}` });

let root: string;
let dirs = 0;
/** A directory for one test's store, not made yet. */
const freshDir = (): string => join(root, `keys-${++dirs}`);
const open = (dir: string): Promise<SubjectKeyStore> => run(openFileKeyStore(dir, nodePersonalCipher));
const keyFileOf = (dir: string): Promise<string> => readFile(join(dir, KEY_FILE), "utf8");

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "tenfold-keys-"));
});
afterAll(() => rm(root, { recursive: true, force: true }));
beforeEach(() => {
  renames.mockClear();
});

describe("the CLI's key store in a directory", () => {
  it("creates a key on first use and gives the same key back, after reopening too", async () => {
    const dir = freshDir();
    const store = await open(dir);
    const first = await run(store.keysFor([cadre(1)]));
    const key = first.get(subjectRefKey(cadre(1)));
    expect(key?.algorithm).toBe("AES-256-GCM");
    expect(key?.material.length).toBe(32);
    expect((await run(store.keysFor([cadre(1)]))).get(subjectRefKey(cadre(1)))?.material).toEqual(key?.material);
    const reopened = await open(dir);
    expect((await run(reopened.existingKeys([cadre(1), cadre(2)]))).get(subjectRefKey(cadre(1)))?.material).toEqual(key?.material);
    expect([...(await run(reopened.existingKeys([cadre(2)]))).keys()]).toEqual([]);
    expect((await run(reopened.keysFor([cadre(1)]))).get(subjectRefKey(cadre(1)))?.material).toEqual(key?.material);
  });

  it("keeps the directory 0700 and the file 0600, names the algorithm, and leaves nothing else behind", async () => {
    const dir = freshDir();
    await run((await open(dir)).keysFor([cadre(1)]));
    expect((await stat(dir)).mode & 0o777).toBe(0o700);
    expect((await stat(join(dir, KEY_FILE))).mode & 0o777).toBe(0o600);
    expect(await readdir(dir)).toEqual([KEY_FILE]);
    const [header, line] = (await keyFileOf(dir)).split("\n").map((l) => (l === "" ? undefined : (JSON.parse(l) as unknown)));
    expect(header).toEqual({ format: "tenfold-subject-keys", version: 1 });
    expect(line).toMatchObject({ campaignId: "xining-2013", subject: "cadre:cadre-1", algorithm: "AES-256-GCM" });
  });

  it("creates many keys in one call with one durable write, and writes nothing when it creates none", async () => {
    const store = await open(freshDir());
    const refs = Array.from({ length: 2000 }, (_, i) => cadre(i));
    const keys = await run(store.keysFor([...refs, cadre(0)]));
    expect(keys.size).toBe(2000);
    expect(renames).toHaveBeenCalledTimes(1);
    await run(store.keysFor(refs.slice(0, 100)));
    await run(store.existingKeys(refs));
    expect(renames).toHaveBeenCalledTimes(1);
    await run(store.keysFor([cadre(5000), cadre(5001)]));
    expect(renames).toHaveBeenCalledTimes(2);
  });

  it("destroys a key by writing the file again without its bytes, and remembers the subject as erased after reopening", async () => {
    const dir = freshDir();
    const store = await open(dir);
    const keys = await run(store.keysFor([cadre(1), cadre(2)]));
    const material = Buffer.from(keys.get(subjectRefKey(cadre(1)))?.material ?? []);
    const [base64, hex] = [material.toString("base64"), material.toString("hex")];
    expect(await keyFileOf(dir)).toContain(base64);
    await run(store.destroy(cadre(1)));
    for (const name of await readdir(dir)) {
      const bytes = await readFile(join(dir, name));
      expect([bytes.includes(base64), bytes.includes(hex), bytes.includes(material)]).toEqual([false, false, false]);
    }
    expect([...(await run(store.existingKeys([cadre(1), cadre(2)]))).keys()]).toEqual([subjectRefKey(cadre(2))]);
    await run(store.destroy(cadre(3))); // never given a key: remembered as erased all the same
    const reopened = await open(dir);
    expect(await run(reopened.erasedSubjects())).toEqual([cadre(1), cadre(3)]);
    renames.mockClear();
    await run(reopened.destroy(cadre(1)));
    expect(renames).not.toHaveBeenCalled();
  });

  it("refuses keys for an erased subject and then creates nothing, not even the others' keys", async () => {
    const dir = freshDir();
    const store = await open(dir);
    await run(store.keysFor([cadre(1)]));
    await run(store.destroy(cadre(1)));
    const before = await keyFileOf(dir);
    renames.mockClear();
    expect(await refused(store.keysFor([cadre(2), cadre(1)]))).toEqual({ _tag: "SubjectAlreadyErased", subject: "cadre:cadre-1", campaignId: "xining-2013" });
    expect(renames).not.toHaveBeenCalled();
    expect(await keyFileOf(dir)).toBe(before);
    expect([...(await run((await open(dir)).existingKeys([cadre(2)]))).keys()]).toEqual([]);
    // The same subject of another campaign is another subject.
    expect((await run(store.keysFor([cadre(1, "other-campaign")]))).size).toBe(1);
  });

  it("sees what another store on the same directory (another process) wrote", async () => {
    const dir = freshDir();
    const [a, b] = [await open(dir), await open(dir)];
    const fromA = (await run(a.keysFor([cadre(1)]))).get(subjectRefKey(cadre(1)));
    expect((await run(b.keysFor([cadre(1), cadre(2)]))).get(subjectRefKey(cadre(1)))?.material).toEqual(fromA?.material);
    await run(b.destroy(cadre(1)));
    expect(await refused(a.keysFor([cadre(1)]))).toMatchObject({ _tag: "SubjectAlreadyErased" });
    expect((await run(a.existingKeys([cadre(2)]))).size).toBe(1);
    // Racing for one new subject, in this process and from another store, they agree on one key.
    const raced = await Promise.all([a.keysFor([cadre(9)]), b.keysFor([cadre(9)]), a.keysFor([cadre(9)]), b.keysFor([cadre(9)])].map(run));
    const materials = raced.map((keys) => Buffer.from(keys.get(subjectRefKey(cadre(9)))?.material ?? []).toString("hex"));
    expect(new Set(materials).size).toBe(1);
  });

  it("a write that fails midway loses nothing: the old file stays whole and no unwritten key is handed out", async () => {
    const dir = freshDir();
    const store = await open(dir);
    await run(store.keysFor([cadre(1)]));
    const before = await keyFileOf(dir);
    renames.mockRejectedValueOnce(Object.assign(new Error("no space"), { code: "ENOSPC" }));
    expect(await refused(store.keysFor([cadre(2)]))).toMatchObject({ _tag: "KeyStoreUnavailable", reason: expect.stringContaining(KEY_FILE) as unknown });
    expect(await keyFileOf(dir)).toBe(before);
    expect((await run(store.existingKeys([cadre(2)]))).size).toBe(0);
    // A partial file left by the crash is no part of the store, and the next write replaces it.
    expect(await readdir(dir)).toContain(`${KEY_FILE}.partial`);
    const reopened = await open(dir);
    expect((await run(reopened.existingKeys([cadre(1)]))).size).toBe(1);
    await run(reopened.keysFor([cadre(2)]));
    expect(await readdir(dir)).toEqual([KEY_FILE]);
  });

  it("refuses a corrupt file, naming the file and line, and never quoting a key", async () => {
    const dir = freshDir();
    await run((await open(dir)).keysFor([cadre(1)]));
    const text = await keyFileOf(dir);
    const key = (JSON.parse(text.split("\n")[1] ?? "") as { key: string }).key;
    const file = join(dir, KEY_FILE);
    const corrupt = async (content: string): Promise<KeyStoreError> => {
      await writeFile(file, content, { mode: 0o600 });
      return refused(openFileKeyStore(dir, nodePersonalCipher));
    };
    const cut = await corrupt(text.slice(0, -10));
    expect(cut).toEqual({ _tag: "KeyStoreCorrupt", where: `${file}:2`, reason: expect.stringContaining("cut short") as unknown });
    const short = await corrupt(text.replace(key, key.slice(4)));
    expect(short).toEqual({ _tag: "KeyStoreCorrupt", where: `${file}:2`, reason: expect.stringContaining("not 32 bytes in base64") as unknown });
    const garbled = await corrupt(`${text}{"campaignId": "x", "key": "${key}\n`);
    expect(garbled).toMatchObject({ _tag: "KeyStoreCorrupt", where: `${file}:3` });
    const twice = await corrupt(`${text}${text.split("\n")[1] ?? ""}\n`);
    expect(twice).toMatchObject({ _tag: "KeyStoreCorrupt", where: `${file}:3`, reason: expect.stringContaining("appears twice") as unknown });
    expect(await corrupt("something else\n")).toMatchObject({ _tag: "KeyStoreCorrupt", where: `${file}:1` });
    for (const error of [cut, short, garbled, twice]) {
      expect(describeKeyStoreError(error)).toContain(file);
      expect(JSON.stringify(error)).not.toContain(key.slice(0, 12));
    }
  });

  it("refuses a directory or a file that other users can read, changing neither", async () => {
    const dir = freshDir();
    await mkdir(dir, { mode: 0o755 });
    await chmod(dir, 0o755);
    expect(await refused(openFileKeyStore(dir, nodePersonalCipher))).toMatchObject({ _tag: "KeyStoreUnavailable", reason: expect.stringContaining("chmod 700") as unknown });
    expect((await stat(dir)).mode & 0o777).toBe(0o755);
    await chmod(dir, 0o700);
    await run((await open(dir)).keysFor([cadre(1)]));
    await chmod(join(dir, KEY_FILE), 0o644);
    expect(await refused(openFileKeyStore(dir, nodePersonalCipher))).toMatchObject({ _tag: "KeyStoreUnavailable", reason: expect.stringContaining("chmod 600") as unknown });
  });
});
