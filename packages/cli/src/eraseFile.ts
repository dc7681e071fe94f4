import { decide, decodeCommand, describeRuleBroken, formatDecodeError, noMetadata, randomIds, systemClock } from "@tenfold/core";
import { newEvent, recordedEvent } from "@tenfold/core/adapter";
import { envelopeLine, sealEvents } from "@tenfold/core/audit";
import { nodeSha256 } from "@tenfold/core/node";
import { describeKeyStoreError, type SubjectKeyStore, type SubjectRef, subjectRefKey } from "@tenfold/core/personal";
import * as E from "fp-ts/lib/Either.js";
import { pipe } from "fp-ts/lib/function.js";
import * as TE from "fp-ts/lib/TaskEither.js";
import { type CliError, describeFileSystemError, failure, writeError } from "./CliError.js";
import { LockHeld, withFileLock } from "./durableFile.js";
import type { CliIo } from "./io.js";
import { openLinesShowing } from "./ndjson.js";
import { writingTo } from "./output.js";
import { fieldsOfSubject } from "./personalEntries.js";
import { foldSealedHistory, type SealedLine, type SealedRules } from "./sealedHistory.js";

// model

/** An erasure asked for: the subject, the request's reference and its business date (`--on`). */
export interface Erasure {
  readonly subject: string;
  readonly requestRef: string;
  readonly erasedOn: string;
}

/** What an erasure in a file did: where its line is, how many values of the subject are gone, and the keys of earlier erasures destroyed again. */
export interface ErasedInFile {
  readonly campaignId: string;
  readonly line: number;
  readonly streamId: string;
  readonly revision: bigint;
  readonly hash: string;
  readonly values: number;
  readonly reconciled: ReadonlyArray<string>;
}

const NOTHING = "Nothing was erased";

const RULES: SealedRules = {
  check: ({ accepted }) => {
    const version = accepted.line.envelope.schemaVersion ?? 1;
    if (version < 2) return `schemaVersion ${version}: erase works on a version-2 history kept in the stored form; "tenfold migrate" rewrites it first`;
    const data = accepted.line.event.data as unknown as Readonly<Record<string, unknown>>;
    const clear = Object.keys(accepted.personal).filter((field) => data[field] !== null && data[field] !== undefined);
    return clear.length === 0
      ? undefined
      : `${clear.map((f) => `data.${f}`).join(", ")}: a personal value in the clear (an export with --personal include?): erase works on a history whose values are only encrypted under --keys ("tenfold export --personal encrypted --keys DIR")`;
  },
  unsealed: "erase appends a sealed SubjectErased to the history's chain; seal it first with tenfold export",
  nothing: NOTHING,
};

// utils

/** Destroys the keys of subjects the history records as erased (a key store restored from a backup must not bring them back); the ones that still had a key. */
const reconcile = (keys: SubjectKeyStore, erased: ReadonlyArray<SubjectRef>): TE.TaskEither<CliError, ReadonlyArray<string>> =>
  erased.length === 0
    ? TE.right([])
    : pipe(
        keys.existingKeys(erased),
        TE.flatMap((existing) => async () => {
          const found = erased.filter((ref) => existing.has(subjectRefKey(ref)));
          for (const ref of found) {
            const destroyed = await keys.destroy(ref)();
            if (E.isLeft(destroyed)) return destroyed;
          }
          return E.right(found.map((ref) => ref.subject));
        }),
        TE.mapLeft((error) => failure(`tenfold erase: the keys of subjects erased before could not be destroyed: ${describeKeyStoreError(error)}`)),
      );

// constructors

/**
 * Erases a subject in a sealed history kept with `keys`: the file is read whole first (sealed,
 * chains intact, every rule, values only encrypted), the EraseSubject command is decided against
 * its state (a rule broken: its message, nothing written), the SubjectErased line is sealed onto
 * the campaign's chain and the file replaced with it atomically (a copy flushed and renamed over
 * it, under a lock), then the subject's key is destroyed.
 */
export const eraseInFile = (file: string, keys: SubjectKeyStore, erasure: Erasure, io: CliIo): TE.TaskEither<CliError, ErasedInFile> => async () => {
  let values = 0;
  const erasedBefore: SubjectRef[] = [];
  const work = writingTo(file, (output) =>
    pipe(
      openLinesShowing(file, io, `erase ${file}`),
      TE.flatMap((lines) =>
        foldSealedHistory(file, lines, RULES, async (line: SealedLine) => {
          const { event } = line.accepted.line;
          values += fieldsOfSubject(line.accepted.personal, erasure.subject).length;
          if (event.type === "SubjectErased") erasedBefore.push({ campaignId: event.data.campaignId, subject: event.data.subject });
          await output.write(`${line.text}\n`);
          return E.right(undefined);
        }),
      ),
      TE.bindTo("read"),
      TE.bind("reconciled", () => reconcile(keys, erasedBefore)),
      TE.flatMap(({ read, reconciled }) => async () => {
        const campaignId = read.history.first?.campaignId ?? "";
        const input = { type: "EraseSubject", data: { campaignId, subject: erasure.subject, requestRef: erasure.requestRef, erasedOn: erasure.erasedOn } };
        const command = decodeCommand(input);
        if (E.isLeft(command)) return E.left(failure(`tenfold erase: ${formatDecodeError(command.left).join("; ")}`, `${NOTHING}.`));
        const decided = decide(read.history.state, command.right);
        if (E.isLeft(decided)) {
          const again = reconciled.includes(erasure.subject) ? [`Its key was still in the key store: destroyed now.`] : [];
          return E.left(failure(`${file}: ${describeRuleBroken(decided.left)}`, `${NOTHING}.`, ...again));
        }
        const [decidedEvent] = decided.right;
        if (decidedEvent === undefined) return E.left(failure(`tenfold erase: the decider recorded nothing`, `${NOTHING}.`));
        const recordedAt = (io.clock ?? systemClock).now().toISOString();
        const event = newEvent({ type: decidedEvent.type, data: decidedEvent.data, eventId: (io.ids ?? randomIds).eventId(), schemaVersion: 2, recordedAt, metadata: noMetadata, personal: {} });
        const { head } = read;
        const [sealed] = sealEvents(nodeSha256, head.streamId, { revision: head.revision, hash: head.hash }, [event]);
        if (sealed?.hash === undefined) return E.left(failure(`tenfold erase: the SubjectErased line could not be sealed`, `${NOTHING}.`));
        const revision = head.revision + 1n;
        await output.write(`${envelopeLine(recordedEvent(sealed, { streamId: head.streamId, streamRevision: revision, position: BigInt(read.lines) }), "encrypted")}\n`);
        return E.right({ campaignId, line: read.lines + 1, streamId: head.streamId, revision, hash: sealed.hash, values, reconciled });
      }),
    ),
  );
  let written: E.Either<CliError, ErasedInFile>;
  try {
    written = await withFileLock(file, work, { holder: "tenfold erase" });
  } catch (error) {
    if (error instanceof LockHeld) return E.left(failure(`tenfold erase: ${error.message}`, `${NOTHING}.`));
    // The lock beside the file could not be made: the file's directory is missing or not writable.
    return E.left(writeError(file, describeFileSystemError(error)));
  }
  if (E.isLeft(written)) return written;
  const destroyed = await keys.destroy({ campaignId: written.right.campaignId, subject: erasure.subject })();
  if (E.isLeft(destroyed)) {
    return E.left(
      failure(
        `tenfold erase: the erasure of ${erasure.subject} is recorded at ${file}:${written.right.line}, but its key could not be destroyed: ${describeKeyStoreError(destroyed.left)}`,
        `Run the same tenfold erase again once the key store is reachable: it destroys the keys of subjects the history records as erased.`,
      ),
    );
  }
  return written;
};
