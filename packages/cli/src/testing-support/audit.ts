/* Test support for the audit commands: sealed files made by the CLI's own export, and a store opener over memory stores. */
import { readFile } from "node:fs/promises";
import type { EventStore } from "@tenfold/core";
import { runXiningDemo } from "@tenfold/example-xining-2013";
import { createMemoryEventStore } from "@tenfold/store-memory";
import * as E from "fp-ts/lib/Either.js";
import { exportStore } from "../export.js";
import type { CliIo, StoreOpener } from "../io.js";
import { run } from "../run.js";
import { captureIo, ndjson, type Ran, type tempDir } from "./harness.js";

type Dir = Awaited<ReturnType<typeof tempDir>>;

/** Writes `lines` and exports them sealed with `tenfold export`; returns the sealed file and its lines. */
export const sealedFile = async (dir: Dir, name: string, lines: ReadonlyArray<string>): Promise<{ readonly file: string; readonly lines: ReadonlyArray<string> }> => {
  const raw = await dir.write(`${name}.raw.ndjson`, ndjson(lines));
  const file = `${dir.path}/${name}.ndjson`;
  const ran = await runCli("export", "--input", raw, "--out", file);
  if (ran.code !== 0) throw new Error(`export failed: ${ran.stderr}`);
  const text = await readFile(file, "utf8");
  return { file, lines: text.trimEnd().split("\n") };
};

/** Runs the CLI in-process with extra io (a store opener, a terminal). */
export const runCliWith = async (extra: Partial<CliIo>, ...argv: ReadonlyArray<string>): Promise<Ran> => {
  const { io, stdout, stderr } = captureIo();
  const code = await run(argv, { ...io, ...extra });
  return { code, stdout: stdout(), stderr: stderr() };
};

/** Runs the CLI in-process (deterministic clock and ids). */
export const runCli = (...argv: ReadonlyArray<string>): Promise<Ran> => runCliWith({}, ...argv);

/** Opens every `esdb://` URL as the given stores (by host), counting how often each was closed. */
export const memoryOpener = (stores: Readonly<Record<string, EventStore>>): { readonly openStore: StoreOpener; readonly closed: () => number } => {
  let closed = 0;
  const openStore: StoreOpener = (url) => {
    const host = /^esdb:\/\/([^:/?]+)/.exec(url)?.[1] ?? "";
    const store = stores[host];
    if (store === undefined) return E.left(`cannot connect to ${host}`);
    const close = (): Promise<void> => {
      closed++;
      return Promise.resolve();
    };
    return E.right({ store, description: `esdb://${host}`, close });
  };
  return { openStore, closed: () => closed };
};

/** The Xining demo, run on a memory store and exported with the CLI's exportStore: a sealed file of 403 lines. */
export const xiningExport = async (dir: Dir, name = "xining.ndjson"): Promise<string> => {
  const store = createMemoryEventStore();
  await runXiningDemo(store)();
  const out: string[] = [];
  await exportStore(store, { write: (text) => Promise.resolve(void out.push(text)) })();
  return dir.write(name, out.join(""));
};
