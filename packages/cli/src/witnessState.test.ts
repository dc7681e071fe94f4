import { spawnSync } from "node:child_process";
import { mkdir, readFile, readdir, rm, stat, writeFile } from "node:fs/promises";
import { hostname } from "node:os";
import { join } from "node:path";
import { emptyRoot, signCheckpoint, signerKeyOf, verifierOf } from "@tenfold/core/audit";
import * as E from "fp-ts/lib/Either.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PLATFORM } from "./signedLog.js";
import { tempDir } from "./testing-support/harness.js";
import { witnessAdd } from "./witnessCommands.js";
import { stateFile, withLock } from "./witnessState.js";

const LOG = signerKeyOf(PLATFORM, "xining.example.gov.cn/tenfold", "ed25519", new Uint8Array(32).fill(1));
const OTHER_LOG = signerKeyOf(PLATFORM, "xining.example.gov.cn/tenfold", "ed25519", new Uint8Array(32).fill(2));
const WITNESS = signerKeyOf(PLATFORM, "witness.example.org/w1", "cosignature", new Uint8Array(32).fill(3));
const ORIGIN = "xining.example.gov.cn/tenfold/tenfold-campaign-xining-2013";
const NOW = new Date("2026-12-03T00:00:00Z");
/** A fresh witness's request: the empty tree's checkpoint from size 0, signed by `by`. */
const fromNothing = (by = LOG): string => `old 0\n\n${signCheckpoint(PLATFORM.ed25519, { origin: ORIGIN, size: 0, root: emptyRoot(PLATFORM.sha256) }, by)}`;

let dir: Awaited<ReturnType<typeof tempDir>>;
beforeAll(async () => {
  dir = await tempDir();
});
afterAll(() => dir.remove());

const add = (state: string, body = fromNothing()) => witnessAdd(WITNESS, verifierOf(LOG), join(dir.path, state), body, NOW);

/** The pid of a process that has exited. */
const deadPid = (): number => spawnSync(process.execPath, ["-e", ""]).pid;

describe("the witness's state on disk", () => {
  it("touches nothing on disk for a request the log did not sign", async () => {
    const refused = await add("unsigned", fromNothing(OTHER_LOG));
    expect(E.isLeft(refused) && refused.left._tag).toBe("BadLogSignature");
    const garbled = await add("unsigned", "old x\n");
    expect(E.isLeft(garbled) && garbled.left._tag).toBe("MalformedRequest");
    await expect(stat(join(dir.path, "unsigned"))).rejects.toMatchObject({ code: "ENOENT" });
  });

  it("keeps the size and root it cosigned, and nothing beside them", async () => {
    expect(E.isRight(await add("kept"))).toBe(true);
    expect(await readdir(join(dir.path, "kept"))).toEqual([`${encodeURIComponent(ORIGIN)}.json`]);
    expect(JSON.parse(await readFile(stateFile(join(dir.path, "kept"), ORIGIN), "utf8"))).toEqual({ size: 0, root: Buffer.from(emptyRoot(PLATFORM.sha256)).toString("base64") });
  });

  it("removes a lock left by a process of this host that is gone, and cosigns", async () => {
    await mkdir(join(dir.path, "stale"));
    await writeFile(`${stateFile(join(dir.path, "stale"), ORIGIN)}.lock`, `${deadPid()}@${hostname()}\n`);
    expect(E.isRight(await add("stale"))).toBe(true);
  });

  it("waits for a lock held by a live process, and says so when it is held too long", async () => {
    const file = join(dir.path, "held.json");
    await writeFile(`${file}.lock`, `${process.pid}@${hostname()}\n`);
    const refused = withLock(file, () => Promise.resolve("ran"), 100);
    await expect(refused).rejects.toThrow(`${file}.lock is held by another witness process (${process.pid}@${hostname()}) for over 0.1 s`);
    const waiting = withLock(file, () => Promise.resolve("ran"), 2_000);
    setTimeout(() => void rm(`${file}.lock`), 100);
    expect(await waiting).toBe("ran");
  });

  it("refuses to cosign over a state file it cannot read, never starting again from size 0", async () => {
    const state = join(dir.path, "corrupt");
    await mkdir(state);
    await writeFile(stateFile(state, ORIGIN), "{\"size\": 3");
    const corrupt = await add("corrupt");
    expect(E.isLeft(corrupt) && corrupt.left).toMatchObject({ _tag: "StateNotKept", status: 500 });
    expect(E.isLeft(corrupt) && corrupt.left._tag === "StateNotKept" && corrupt.left.reason).toMatch(/^it is not the size and root this witness writes/);
    const other = join(dir.path, "directory");
    await mkdir(stateFile(other, ORIGIN), { recursive: true });
    const unreadable = await add("directory");
    expect(E.isLeft(unreadable) && unreadable.left._tag).toBe("StateNotKept");
  });
});
