import { randomBytes } from "node:crypto";
import { link, open, rm } from "node:fs/promises";
import { campaignStreamId } from "@tenfold/core";
import {
  checkpointOrigin,
  formatSignerKey,
  formatVerifierKey,
  merkleFrontier,
  type MerkleFrontier,
  signCheckpoint,
  type SignerKey,
  signerKeyOf,
  verifierOf,
} from "@tenfold/core/audit";
import { nodeEd25519, nodeSha256Digest } from "@tenfold/core/node";
import * as E from "fp-ts/lib/Either.js";
import { pipe } from "fp-ts/lib/function.js";
import * as TE from "fp-ts/lib/TaskEither.js";
import { type ChainResult, chainOfFile, chainOfStore, type SealedObserver } from "./chains.js";
import { readSignerKey } from "./checkpointCheck.js";
import { type CliError, describeFileSystemError, failure, usageError, writeError } from "./CliError.js";
import { defineCommand, required } from "./command.js";
import { CHECKPOINT_HELP, KEYGEN_HELP } from "./helpSignedLog.js";
import { type CliIo, EXIT, type ExitCode } from "./io.js";
import { deliver } from "./output.js";
import { parseSource, type Source, withStore } from "./source.js";

// model

/** The Node platform services of the signed log. */
export const PLATFORM = { sha256: nodeSha256Digest, ed25519: nodeEd25519 };

// utils

/** Writes `text` to a new file of mode 0600: never over an existing file, and all or nothing (written beside it, then linked in). */
const writeSecretFile = (file: string, text: string): TE.TaskEither<CliError, void> => async () => {
  const partial = `${file}.partial`;
  try {
    const handle = await open(partial, "wx", 0o600);
    try {
      await handle.writeFile(text);
    } finally {
      await handle.close();
    }
    await link(partial, file);
    return E.right(undefined);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    return E.left(code === "EEXIST" ? failure(`${file} exists: a signer key is never overwritten; give another --out, or remove it first`) : writeError(file, describeFileSystemError(error)));
  } finally {
    await rm(partial, { force: true }).catch(() => undefined);
  }
};

/** The leaves of every stream of a history, as its chains are checked: one frontier per stream. */
const leavesBy = (): { readonly frontiers: Map<string, MerkleFrontier>; readonly add: SealedObserver } => {
  const frontiers = new Map<string, MerkleFrontier>();
  return {
    frontiers,
    add: (event, leaf) => {
      let frontier = frontiers.get(event.streamId);
      if (frontier === undefined) frontiers.set(event.streamId, (frontier = merkleFrontier(nodeSha256Digest)));
      frontier.append(leaf);
    },
  };
};

/** The stream to sign: the campaign's, or the history's only one; a history with none, or several and none named, is a failure. */
const streamToSign = (where: string, frontiers: ReadonlyMap<string, MerkleFrontier>, campaign: string | undefined): E.Either<CliError, string> => {
  if (campaign !== undefined) {
    const streamId = campaignStreamId(campaign);
    return frontiers.has(streamId) ? E.right(streamId) : E.left(failure(`${where} holds no event of campaign "${campaign}"`));
  }
  const streams = [...frontiers.keys()];
  if (streams.length === 1) return E.right(streams[0] as string);
  return E.left(streams.length === 0 ? failure(`${where} holds no sealed event`) : failure(`${where} holds ${streams.length} streams (${streams.join(", ")}): name one with --campaign ID`));
};

/** Refuses to sign over chains with problems, or over a history without seals. */
export const intact = (where: string, chains: ChainResult): E.Either<CliError, void> => {
  if (chains.problems.length > 0) return E.left(failure(...chains.problems, `No checkpoint: the hash chains of ${where} have problems, and a checkpoint is signed only over intact chains.`));
  if (chains.summary.sealed !== true) return E.left(failure(`${where} carries no seals (previousHash, hash), so it has no checkpoint: seal it first with "tenfold export --input ${where} --out FILE".`));
  return E.right(undefined);
};

// constructors

/** Makes a key: the signer key into `out` (0600, never overwritten), the verifier key on stdout. */
export const keygen = (name: string, out: string, witness: boolean, io: CliIo): TE.TaskEither<CliError, ExitCode> => {
  let key: SignerKey;
  try {
    key = signerKeyOf(PLATFORM, name, witness ? "cosignature" : "ed25519", new Uint8Array(randomBytes(32)));
  } catch (error) {
    return TE.left(usageError("keygen", `--name: ${error instanceof RangeError ? error.message : String(error)}`));
  }
  return pipe(
    writeSecretFile(out, `${formatSignerKey(key)}\n`),
    TE.flatMap(() => async () => {
      await io.stdout.write(`${formatVerifierKey(verifierOf(key))}\n`);
      return E.right(EXIT.ok);
    }),
  );
};

/** Signs the checkpoint of one campaign's stream of a file or store. */
export const checkpointOf = (source: Source, campaign: string | undefined, keyFile: string, out: string | undefined, io: CliIo): TE.TaskEither<CliError, ExitCode> =>
  pipe(
    readSignerKey("checkpoint", keyFile),
    TE.flatMap((key) =>
      key.type !== "ed25519" ? TE.left(usageError("checkpoint", `--key ${keyFile} is a witness's cosigner key; a checkpoint is signed with the log's key`)) : TE.right(key),
    ),
    TE.flatMap((key) => {
      const leaves = leavesBy();
      const sign = (where: string) => (chains: ChainResult) =>
        pipe(
          intact(where, chains),
          E.flatMap(() => streamToSign(where, leaves.frontiers, campaign)),
          E.map((streamId) => {
            const frontier = leaves.frontiers.get(streamId) as MerkleFrontier;
            return signCheckpoint(nodeEd25519, { origin: checkpointOrigin(key.name, streamId), size: frontier.size(), root: frontier.root() }, key);
          }),
        );
      return source._tag === "File"
        ? pipe(chainOfFile(source.file, io, [], leaves.add, "checkpoint"), TE.flatMapEither(sign(source.file)))
        : withStore("checkpoint", io, source.url, ({ store, description }) => pipe(chainOfStore(store, description, io, [], leaves.add, "checkpoint"), TE.flatMapEither(sign(description))));
    }),
    TE.flatMap((note) => deliver(note, out, "the checkpoint", io)),
  );

/** `tenfold keygen --name NAME --out FILE [--witness]`. */
export const keygenCommand = defineCommand("keygen", KEYGEN_HELP, { name: { type: "string" }, out: { type: "string", short: "o" }, witness: { type: "boolean" } }, (flags, io) =>
  pipe(
    E.Do,
    E.apS("name", required("keygen", "name", flags.name, "NAME")),
    E.apS("out", required("keygen", "out", flags.out, "FILE (the signer key is never printed)")),
    TE.fromEither,
    TE.flatMap(({ name, out }) => keygen(name, out, flags.witness === true, io)),
  ),
);

/** `tenfold checkpoint (--input FILE | --store URL) [--campaign ID] --key FILE [--out FILE]`. */
export const checkpointCommand = defineCommand(
  "checkpoint",
  CHECKPOINT_HELP,
  { input: { type: "string", short: "i" }, store: { type: "string" }, campaign: { type: "string" }, key: { type: "string" }, out: { type: "string", short: "o" } },
  (flags, io) =>
    pipe(
      E.Do,
      E.apS("source", parseSource("checkpoint", flags.input, flags.store)),
      E.apS("key", required("checkpoint", "key", flags.key, "FILE (the log's signer key)")),
      TE.fromEither,
      TE.flatMap(({ source, key }) => checkpointOf(source, flags.campaign, key, flags.out, io)),
    ),
);
