import type { RecordedEvent } from "@tenfold/core";
import { sealedText } from "@tenfold/core/audit";
import { nodeSha256 } from "@tenfold/core/node";
import { fastestOfSync } from "../harness/measure.js";

/*
 * The seal's floor (issue 15): what sealing an event costs at least, whatever the store around it.
 * DOMAIN.md's seal is SHA-256 of `previousHash + "\n" +` the canonical JSON of the envelope, so the
 * floor is writing that text (core's `sealedText`: canonical JSON, personal values as null) and
 * hashing it (node:crypto's one-shot SHA-256, `nodeSha256`), event by event, and nothing else: no
 * copy, no record, no index, no encryption.
 */

/** Timed passes over the events; the fastest counts. */
const PASSES = 3;

/** What {@link measureSealFloor} found. */
export interface SealFloor {
  /** Microseconds an event for its canonical text and its SHA-256. */
  readonly usPerEvent: number;
  /** Events whose recomputed hash is the one the store sealed them with (all of them, or the floor hashed other bytes). */
  readonly matched: number;
}

/**
 * Times the canonical JSON and SHA-256 of sealed events as a store recorded them (the fastest of
 * three passes), and checks, untimed, that every hash computed is the event's own `hash`.
 */
export const measureSealFloor = (events: ReadonlyArray<RecordedEvent>): SealFloor => {
  if (events.length === 0) throw new RangeError("measureSealFloor: no events");
  const hashes: string[] = new Array<string>(events.length).fill("");
  const pass = (): number => {
    for (let i = 0; i < events.length; i++) {
      const e = events[i] as RecordedEvent;
      hashes[i] = nodeSha256.hex(`${e.previousHash ?? ""}\n${sealedText(e)}`);
    }
    return events.length;
  };
  pass();
  const { seconds } = fastestOfSync(PASSES, pass);
  let matched = 0;
  for (let i = 0; i < events.length; i++) if (hashes[i] === events[i]?.hash) matched++;
  return { usPerEvent: (seconds * 1e6) / events.length, matched };
};
