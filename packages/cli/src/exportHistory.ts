import { campaignStreamId, type Clock, type IdGenerator, type NewEvent } from "@tenfold/core";
import { GENESIS_HASH, type PersonalValues, sealEvents, type Sha256, toNewEvent, verifyChain } from "@tenfold/core/audit";
import { describeKeyStoreError, type SubjectKeyStore } from "@tenfold/core/personal";
import * as E from "fp-ts/lib/Either.js";
import type * as TE from "fp-ts/lib/TaskEither.js";
import { type CliError, failure, fileError } from "./CliError.js";
import { eventIdIndex, repeatedEventId } from "./eventIdIndex.js";
import { committedWithoutValues, exportedLine } from "./exportedLine.js";
import { emptyHistory, judgeDecodedStrictly } from "./history.js";
import type { Output } from "./output.js";
import { describeLineFailure, memoryKeys, protectLines, revealLine, type Salting } from "./personalData.js";
import { noProgress, type Progress } from "./progress.js";
import type { PrepareTask } from "./preparedLine.js";
import type { PreparedChunk } from "./preparedLines.js";
import { formatChainProblem, placeSeal } from "./sealCheck.js";

// model

/** What an export of a file needs: how to stamp lines without an envelope, and how to hash. */
export interface ExportDeps {
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly sha256: Sha256;
  readonly progress?: Progress;
  /** How personal values are written (DOMAIN.md): with their salts (`include`), null (`omit`), or encrypted (`encrypted`, needs `keys`). @defaultValue "omit" */
  readonly personal?: PersonalValues;
  /** The file's key store (--keys): its keys reveal encrypted values, and with `encrypted` values are encrypted under them. @defaultValue none: encrypted values read as erased */
  readonly keys?: SubjectKeyStore;
  /** Random bytes for new salts. @defaultValue Web Crypto's */
  readonly io?: Salting;
}

/** What an export wrote. */
export interface Exported {
  readonly campaignId: string;
  readonly streamId: string;
  readonly events: number;
}

// utils

const stopped = (file: string, ...problems: ReadonlyArray<string>): E.Either<CliError, never> =>
  E.left(
    failure(
      ...problems,
      `Nothing was exported: the export stops at the first bad line. "tenfold verify --input ${file}" lists every problem.`,
    ),
  );

/** A sealed line of schema version 1 (or 0): sealing it again as version 2 would change its hash. */
const sealedBeforePersonal = (version: number | undefined): string =>
  `schemaVersion ${version ?? 1}: this sealed line would be sealed anew as version 2 under another hash; ` +
  `"tenfold migrate" rewrites a version-1 history, linking each event to the hash it replaces`;

/** How an event's personal values are revealed and protected on their way out. */
interface Protection {
  readonly revealWith: SubjectKeyStore;
  readonly protectWith: SubjectKeyStore;
  readonly mode: PersonalValues;
  readonly sha256: Sha256;
  readonly io: Salting;
}

/**
 * Seals `event` on its stream's `head` as revision `revision` and writes its line: its personal
 * values revealed and protected first unless it has none to give. Right: its hash; Left: why its
 * personal values could not be (null: it could not be sealed, a defect).
 */
const writeSealed = async (
  output: Output,
  event: NewEvent,
  streamId: string,
  head: { readonly revision: bigint | null; readonly hash: string },
  revision: bigint,
  { revealWith, protectWith, mode, sha256, io }: Protection,
): Promise<E.Either<string | null, string>> => {
  let full = event;
  if (!committedWithoutValues(event)) {
    const revealed = await revealLine(revealWith, event, streamId)();
    if (E.isLeft(revealed)) return E.left(describeLineFailure(revealed.left));
    const protectedLine = await protectLines(protectWith, [revealed.right], io)();
    if (E.isLeft(protectedLine)) return E.left(describeLineFailure(protectedLine.left));
    full = protectedLine.right[0] ?? revealed.right;
  }
  const sealed = sealEvents(sha256, streamId, head, [full])[0];
  if (sealed?.hash === undefined) return E.left(null);
  await output.write(`${exportedLine(sealed, streamId, revision, mode)}\n`);
  return E.right(sealed.hash);
};

// constructors

/**
 * Exports an NDJSON history of one campaign as DOMAIN.md's sealed envelopes, streaming: each line
 * is judged by the decider against the lines before it, gets its envelope (its own eventId,
 * recordedAt and metadata where it has them), is sealed onto its stream's chain exactly as a
 * Tenfold store seals an append, and is written. A sealed input must have intact chains: an
 * export never reseals a history that was tampered with, nor one sealed as version 1 (migrate it).
 * A sealed version-2 line keeps its commitments and salts, so its hash is reproduced; a bare line's
 * values get new salts. Encrypted values are revealed with `keys` where they exist. The first
 * problem stops the export. The lines come prepared (parsed, their seals hashed and their events
 * decoded, on worker threads for a large file); a line already as the export writes it, sealed on
 * its stream's head, is written as read (exportedLine.ts). Memory grows with the campaign's
 * entities and its event ids, never with its events.
 */
export const exportFile =
  (file: string, chunks: AsyncIterable<PreparedChunk>, output: Output, deps: ExportDeps): TE.TaskEither<CliError, Exported> =>
  async () => {
    const progress = deps.progress ?? noProgress;
    const mode = deps.personal ?? "omit";
    const revealWith = deps.keys ?? memoryKeys();
    const protectWith = mode === "encrypted" && deps.keys !== undefined ? deps.keys : memoryKeys();
    const verifier = verifyChain({ sha256: deps.sha256 });
    const heads = new Map<string, { readonly revision: bigint | null; readonly hash: string }>();
    const eventIds = eventIdIndex();
    let history = emptyHistory();
    let count = 0;
    for await (const chunk of chunks) {
      if (chunk._tag === "ReadFailed") return E.left(fileError(file, chunk.reason));
      for (const item of chunk.lines) {
        count = item.number;
        const at = `${file}:${item.number}`;
        if (item._tag === "Unreadable") return stopped(file, `${at}: ${item.problem}`);
        const seal = placeSeal(verifier, item.number, item.seal);
        if (seal.chain.length > 0) return stopped(file, ...seal.chain.map((p) => formatChainProblem(file, p)));
        const judged = item.line === null || E.isLeft(item.line) ? E.left(item.line?.left ?? "the line was not decoded") : judgeDecodedStrictly(history, item.number, item.line.right);
        if (E.isLeft(judged)) return stopped(file, `${at}: ${judged.left}`);
        if (seal.sealIssues.length > 0) return stopped(file, `${at}: ${seal.sealIssues.join("; ")}`);
        const { line, personal } = judged.right;
        if (seal.sealed !== null && (line.envelope.schemaVersion ?? 0) < 2) return stopped(file, `${at}: ${sealedBeforePersonal(line.envelope.schemaVersion)}`);
        const event = toNewEvent(line, deps, personal);
        if (line.envelope.eventId !== undefined) {
          const earlier = eventIds.add(event.eventId, item.number);
          if (earlier !== undefined) return stopped(file, `${at}: ${repeatedEventId(event.eventId, earlier)}`);
        }
        const streamId = campaignStreamId(line.event.data.campaignId);
        const head = heads.get(streamId) ?? { revision: null, hash: GENESIS_HASH };
        const revision = head.revision === null ? 0n : head.revision + 1n;
        const link = seal.sealed;
        if (item.bytes !== undefined && link !== null && link.previousHash === head.hash && BigInt(link.streamRevision) === revision) {
          // Sealed on this head, it would be sealed and written exactly as read (exportedLine.ts).
          await output.writeBytes(item.bytes);
          await output.write("\n");
          heads.set(streamId, { revision, hash: link.hash });
        } else {
          const written = await writeSealed(output, event, streamId, head, revision, { revealWith, protectWith, mode, sha256: deps.sha256, io: deps.io ?? {} });
          if (E.isLeft(written)) return written.left === null ? E.left(failure(`tenfold export: line ${item.number} could not be sealed`)) : stopped(file, `${at}: ${written.left}`);
          heads.set(streamId, { revision, hash: written.right });
        }
        if (mode === "encrypted" && line.event.type === "SubjectErased") {
          const destroyed = await protectWith.destroy({ campaignId: line.event.data.campaignId, subject: line.event.data.subject })();
          if (E.isLeft(destroyed)) return stopped(file, `${at}: the key of ${line.event.data.subject} could not be destroyed: ${describeKeyStoreError(destroyed.left)}`);
        }
        history = judged.right.history;
      }
      progress.update(count, chunk.size > 0 ? chunk.read / chunk.size : undefined);
    }
    const end = verifier.end();
    progress.done();
    if (end.problems.length > 0) return stopped(file, ...end.problems.map((p) => formatChainProblem(file, p)));
    const first = history.first;
    if (count === 0 || first === null) return E.left(failure(`${file} is empty`));
    return E.right({ campaignId: first.campaignId, streamId: campaignStreamId(first.campaignId), events: count });
  };

/** What an export in `mode` prepares of each line: its seal, its event, and whether it is written as read. */
export const exportTask = (mode: PersonalValues): PrepareTask => ({ seal: true, decode: true, commitments: false, leaves: false, exportAs: mode });
