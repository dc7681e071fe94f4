import { campaignStreamId, type NewEvent, randomIds, systemClock } from "@tenfold/core";
import { newEvent, recordedEvent } from "@tenfold/core/adapter";
import { envelopeLine, GENESIS_HASH, sealEvents, toNewEvent } from "@tenfold/core/audit";
import { nodeSha256 } from "@tenfold/core/node";
import { describeKeyStoreError, type SubjectKeyStore, type SubjectRef, subjectRefKey } from "@tenfold/core/personal";
import * as E from "fp-ts/lib/Either.js";
import { pipe } from "fp-ts/lib/function.js";
import * as TE from "fp-ts/lib/TaskEither.js";
import { resolve } from "node:path";
import { type CliError, failure, usageError } from "./CliError.js";
import { defineCommand, required } from "./command.js";
import { MIGRATE_HELP } from "./helpPersonal.js";
import type { CliIo, ExitCode } from "./io.js";
import { EXIT } from "./io.js";
import { openLinesShowing } from "./ndjson.js";
import { type Output, writingTo } from "./output.js";
import { describeLineFailure, openKeys, protectLines } from "./personalData.js";
import { foldSealedHistory, type SealedEnd, type SealedLine, type SealedRules } from "./sealedHistory.js";

// model

/** What the first reading found: the subjects whose values are migrated, and how many values. */
interface Found {
  readonly subjects: ReadonlyMap<string, SubjectRef>;
  readonly values: number;
}

const RULES: SealedRules = {
  check: ({ accepted }) =>
    (accepted.line.envelope.schemaVersion ?? 1) >= 2 ? `schemaVersion ${accepted.line.envelope.schemaVersion}: this history is already migrated (migrate rewrites lines of versions 0 and 1)` : undefined,
  unsealed: 'migrate rewrites a sealed history, linking each event to its hash; a history without seals needs no migration: "tenfold export --input FILE --personal encrypted --keys DIR" writes it as version 2',
  nothing: "Nothing was migrated",
};

/** Events sealed and written in batches, so that the key store is asked once a batch. */
const BATCH = 512;

// utils

const plural = (n: number, one: string, many = `${one}s`): string => `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;

/** The personal values of a line (version 1: in the clear in its data) and their subjects. */
const valuesOf = (line: SealedLine): ReadonlyArray<SubjectRef> => {
  const { personal, line: history } = line.accepted;
  const data = history.event.data as unknown as Readonly<Record<string, unknown>>;
  return Object.entries(personal).flatMap(([field, entry]) => (data[field] === null || data[field] === undefined ? [] : [{ campaignId: history.event.data.campaignId, subject: entry.subject }]));
};

/** The version-2 event replacing a sealed version-1 line: its id, instant and metadata, caused by the hash it replaces. */
const replacing = (line: SealedLine, io: CliIo): NewEvent => {
  const event = toNewEvent(line.accepted.line, { clock: io.clock ?? systemClock, ids: io.ids ?? randomIds }, line.accepted.personal);
  const { type, data, eventId, schemaVersion, recordedAt, metadata, personal } = event;
  return newEvent({ type, data, eventId, schemaVersion, recordedAt, metadata: { ...metadata, causationId: line.sealed.hash }, personal });
};

// constructors

/** Writes the migrated history to `output`: each line rewritten, committed and encrypted under `keys`, sealed onto a new chain, in batches. */
const writeMigrated = (file: string, output: Output, keys: SubjectKeyStore, io: CliIo): TE.TaskEither<CliError, SealedEnd> =>
  pipe(
    openLinesShowing(file, io, `migrate ${file} (2/2)`),
    TE.flatMap((lines) => async () => {
      let batch: Array<{ readonly event: NewEvent; readonly number: number }> = [];
      let head = { revision: null as bigint | null, hash: GENESIS_HASH };
      const flush = async (): Promise<E.Either<string, void>> => {
        const first = batch[0];
        if (first === undefined) return E.right(undefined);
        const full = await protectLines(keys, batch.map((b) => b.event), io)();
        if (E.isLeft(full)) return E.left(describeLineFailure(full.left));
        const streamId = campaignStreamId(first.event.data.campaignId);
        const sealed = sealEvents(nodeSha256, streamId, head, full.right);
        let revision = head.revision === null ? 0n : head.revision + 1n;
        let text = "";
        for (const [i, event] of sealed.entries()) {
          text += `${envelopeLine(recordedEvent(event, { streamId, streamRevision: revision, position: BigInt((batch[i]?.number ?? 1) - 1) }), "encrypted")}\n`;
          head = { revision, hash: event.hash ?? GENESIS_HASH };
          revision++;
        }
        await output.write(text);
        batch = [];
        return E.right(undefined);
      };
      const read = await foldSealedHistory(file, lines, RULES, async (line) => {
        batch.push({ event: replacing(line, io), number: line.number });
        return batch.length >= BATCH ? flush() : E.right(undefined);
      })();
      if (E.isLeft(read)) return read;
      const last = await flush();
      return E.isLeft(last) ? E.left(failure(`${file}: ${last.left}`, `${RULES.nothing}.`)) : E.right({ ...read.right, head: { ...read.right.head, revision: head.revision ?? 0n, hash: head.hash } });
    }),
  );

/** Reads the history whole (first pass), then opens the key store, creates every key it needs at once, and writes the history migrated (second pass). */
const migrate = (input: string, out: string, dir: string, io: CliIo): TE.TaskEither<CliError, ExitCode> => {
  const subjects = new Map<string, SubjectRef>();
  let values = 0;
  const found = (line: SealedLine): Promise<E.Either<string, void>> => {
    for (const ref of valuesOf(line)) {
      subjects.set(subjectRefKey(ref), ref);
      values++;
    }
    return Promise.resolve(E.right(undefined));
  };
  // The key store is opened (its directory made) only once the first pass has found nothing wrong.
  return pipe(
    openLinesShowing(input, io, `migrate ${input} (1/2)`),
    TE.flatMap((lines) => foldSealedHistory(input, lines, RULES, found)),
    TE.bindTo("read"),
    TE.bind("keys", () => openKeys(dir)),
    TE.bind("found", (): TE.TaskEither<CliError, Found> => TE.right({ subjects, values })),
    TE.bind("existing", ({ keys }) => pipe(keys.existingKeys([...subjects.values()]), TE.mapLeft((e) => failure(`tenfold migrate: ${describeKeyStoreError(e)}`, `${RULES.nothing}.`)))),
    TE.tap(({ keys }) => pipe(keys.keysFor([...subjects.values()]), TE.mapLeft((e) => failure(`tenfold migrate: ${describeKeyStoreError(e)}`, `${RULES.nothing}.`)))),
    TE.bind("written", ({ keys }) => writingTo(out, (output) => writeMigrated(input, output, keys, io))),
    TE.flatMap(({ read, found: f, existing, written }) => async () => {
      const campaign = read.history.first?.campaignId ?? "";
      await io.stdout.write(
        `Migrated ${plural(read.lines, "event")} of campaign "${campaign}" from schema version 1 to 2 into ${out}: ` +
          `${plural(f.values, "personal value")} of ${plural(f.subjects.size, "subject")} committed to and encrypted under their keys in ${dir} ` +
          `(${plural(f.subjects.size - existing.size, "key")} created); each event's metadata.causationId is the hash of the version-1 event it replaces.\n` +
          `New head: ${written.head.streamId} revision ${written.head.revision}, hash ${written.head.hash}\n`,
      );
      return E.right<CliError, ExitCode>(EXIT.ok);
    }),
  );
};

/** `tenfold migrate --input FILE --out FILE --keys DIR`. */
export const migrateCommand = defineCommand("migrate", MIGRATE_HELP, { input: { type: "string", short: "i" }, out: { type: "string", short: "o" }, keys: { type: "string" } }, (flags, io) =>
  pipe(
    E.Do,
    E.apS("input", required("migrate", "input", flags.input, "FILE")),
    E.apS("out", required("migrate", "out", flags.out, "FILE")),
    E.apS("keys", required("migrate", "keys", flags.keys, "DIR (the key store to create the subjects' keys in)")),
    E.tap(({ input, out }) => (resolve(input) === resolve(out) ? E.left(usageError("migrate", "--out must name another file than --input: the version-1 history is kept, its hashes are the causation ids")) : E.right(undefined))),
    TE.fromEither,
    TE.flatMap(({ input, out, keys }) => migrate(input, out, keys, io)),
  ),
);
