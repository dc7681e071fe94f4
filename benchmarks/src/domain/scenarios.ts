import { createHash } from "node:crypto";
import { type CampaignEvent, type Command, type EventStore, computeStatistics, createCommandHandler, decide, decodeCommand, describeHandleError, eventToCommand, evolve, initialCampaignState } from "@tenfold/core";
import { GENESIS_HASH, type SealedEnvelope, parseHistoryLine, sealedText, verifyChain } from "@tenfold/core/audit";
import { nodeSha256 } from "@tenfold/core/node";
import { createMemoryEventStore } from "@tenfold/store-memory";
import * as E from "fp-ts/lib/Either.js";
import * as O from "fp-ts/lib/Option.js";
import { fastestOfSync, timed, timedSync } from "../harness/measure.js";
import { sealedEnvelopes, toLine } from "./envelopes.js";
import { generateHistory } from "./history.js";
import { subjectsOfHistory } from "./personal.js";
import { mutableStatistics } from "./mutableStatistics.js";

/** What one child measured: a rate in events (or lines, commands) per second, and a digest to compare. */
export interface DomainSample {
  readonly rate: number;
  readonly check: string;
  /** S7 only: where a command's time goes, µs per command ({@link CommandSplit}). */
  readonly split?: CommandSplit;
}

/**
 * S7's split of a command's time, µs per command: the decider (`decide` and `evolve` of what it
 * decided, timed alone over the same commands, decoded beforehand), the store's `append` and its
 * reads (each call the handler makes timed during the timed run), and the rest of the handler
 * (decoding the command, the envelopes, ids, personal subjects, the fold's plumbing, promises):
 * the run's time per command less the other three.
 */
export interface CommandSplit {
  readonly decider: number;
  readonly append: number;
  readonly read: number;
  readonly rest: number;
}

/** Which side of a Tenfold-only scenario a child runs. */
export type Side = "tenfold" | "limit";

const SEED = 20130301;
const digest = (value: unknown): string => createHash("sha256").update(JSON.stringify(value)).digest("hex").slice(0, 16);

/** S4: the CampaignStatistics projection over a generated history, or the hand-written mutable fold. */
export const measureStatistics = (side: Side, events: number): DomainSample => {
  const history = generateHistory({ seed: SEED, events });
  const run = side === "tenfold" ? () => O.toUndefined(computeStatistics(history)) : () => mutableStatistics(history);
  run();
  run();
  const { result, seconds } = fastestOfSync(3, run);
  return { rate: events / seconds, check: digest(result) };
};

/** S5: NDJSON export lines (schema 2, `--personal omit`) → validated events with `parseHistoryLine`, or `JSON.parse` alone. */
export const measureDecode = (side: Side, lines: number): DomainSample => {
  const text = sealedEnvelopes(generateHistory({ seed: SEED, events: lines }), 0, lines).map(toLine);
  const run = (): number => {
    let ok = 0;
    if (side === "tenfold") {
      for (const line of text) if (E.isRight(parseHistoryLine(line))) ok++;
    } else {
      for (const line of text) if ((JSON.parse(line) as { type?: unknown }).type !== undefined) ok++;
    }
    return ok;
  };
  run();
  const { result, seconds } = fastestOfSync(3, run);
  return { rate: lines / seconds, check: `${result} of ${lines}` };
};

const CHUNK = 100_000;

/**
 * S6: verifies the hash chain of `events` sealed events (schema 2, as an export without personal
 * values holds them) with core's `verifyChain` (every hash recomputed, every link checked), fed a
 * chunk at a time so that a million fit in memory. The
 * limit hashes the same canonical bytes (prepared untimed) with the same SHA-256 and nothing else.
 * Both report the head of the chain they reach, so the check proves they hashed the same bytes.
 */
export const measureVerify = (side: Side, events: number, chunkSize = CHUNK): DomainSample => {
  const history = generateHistory({ seed: SEED, events });
  const subjects = subjectsOfHistory(history);
  const verifier = verifyChain({ sha256: nodeSha256 });
  let last = GENESIS_HASH;
  let seconds = 0;
  let problems = 0;
  for (let from = 0; from < events; from += chunkSize) {
    if (side === "tenfold") {
      const chunk = sealedEnvelopes(history, from, from + chunkSize, last, subjects);
      const timing = timedSync(() => {
        let found = 0;
        for (let i = 0; i < chunk.length; i++) found += verifier.sealed(from + i + 1, chunk[i] as SealedEnvelope).length;
        return found;
      });
      problems += timing.result;
      seconds += timing.seconds;
      last = chunk.at(-1)?.hash ?? last;
    } else {
      const texts = sealedEnvelopes(history, from, from + chunkSize, null, subjects).map((e) => sealedText(e));
      seconds += timedSync(() => {
        for (const t of texts) last = nodeSha256.hex(`${last}\n${t}`);
      }).seconds;
    }
  }
  if (side === "tenfold") {
    const summary = verifier.end();
    problems += summary.problems.length;
    last = summary.heads[0]?.hash ?? "none";
  }
  return { rate: events / seconds, check: `${events - problems} of ${events} verified, head ${last.slice(0, 16)}` };
};

/** Milliseconds spent in the store's `append` and `readStream`, as the handler calls them. */
interface StoreTime {
  append: number;
  read: number;
}

/** `store`, timing every `append` and `readStream` into `time` (two clock readings a call, about 0.1 µs). */
const timingStore = (store: EventStore, time: StoreTime): EventStore => ({
  append: (streamId, events, expected, options) => async () => {
    const start = performance.now();
    const result = await store.append(streamId, events, expected, options)();
    time.append += performance.now() - start;
    return result;
  },
  readStream: (streamId, options) => async () => {
    const start = performance.now();
    const result = await store.readStream(streamId, options)();
    time.read += performance.now() - start;
    return result;
  },
  readAll: (options) => store.readAll(options),
  subscribeToAll: (options) => store.subscribeToAll(options),
});

const handleAll = async (commands: ReadonlyArray<CampaignEvent>, time: StoreTime = { append: 0, read: 0 }): Promise<number> => {
  const handler = createCommandHandler({ store: timingStore(createMemoryEventStore(), time) });
  let recorded = 0;
  for (const event of commands) {
    const handled = await handler.handle(eventToCommand(event))();
    if (E.isLeft(handled)) throw new Error(describeHandleError(handled.left));
    recorded += handled.right.recorded.length;
  }
  return recorded;
};

/** The decider alone over the commands of a history, in order: `decide`, then `evolve` of each event decided. Returns the events decided. */
const decideAll = (commands: ReadonlyArray<Command>): number => {
  let state = initialCampaignState();
  let decided = 0;
  for (const command of commands) {
    const events = decide(state, command);
    if (E.isLeft(events)) throw new Error(`the decider refused ${command.type}: ${events.left._tag}`);
    for (const event of events.right) state = evolve(state, event);
    decided += events.right.length;
  }
  return decided;
};

/**
 * S7: commands through the command handler on the (sealing) memory store, as users run them,
 * with where their time goes ({@link CommandSplit}): the store's calls are timed during the run,
 * the decider alone afterwards over the same commands (the fastest of three passes).
 */
export const measureCommands = async (commands: number): Promise<DomainSample> => {
  await handleAll(generateHistory({ seed: SEED + 1, events: Math.ceil(commands / 10), campaignId: "warm-up" }));
  const history = generateHistory({ seed: SEED, events: commands });
  const time: StoreTime = { append: 0, read: 0 };
  const { result, seconds } = await timed(() => handleAll(history, time));
  const decoded = history.map((event) => {
    const command = decodeCommand(eventToCommand(event));
    if (E.isLeft(command)) throw new Error(`a command of the history does not decode: ${event.type}`);
    return command.right;
  });
  decideAll(decoded);
  const decider = fastestOfSync(3, () => decideAll(decoded));
  if (decider.result !== result) throw new Error(`the decider alone decided ${decider.result} events, the handler recorded ${result}`);
  const perCommand = (ms: number): number => (ms * 1000) / commands;
  const split = { decider: (decider.seconds * 1e6) / commands, append: perCommand(time.append), read: perCommand(time.read) };
  return { rate: commands / seconds, check: `${result} recorded`, split: { ...split, rest: (seconds * 1e6) / commands - split.decider - split.append - split.read } };
};
