import type { Clock, IdGenerator } from "@tenfold/core";

// model

/**
 * Where a command writes text. `write` may return a promise that settles when the writer is
 * ready for more (backpressure); commands await it.
 */
export interface Writer {
  readonly write: (text: string) => Promise<void> | undefined;
}

/** What `run` talks to: its two outputs and, optionally, the clock and id generator used when importing. */
export interface CliIo {
  readonly stdout: Writer;
  readonly stderr: Writer;
  /** Stamps `recordedAt` of imported lines that carry none. @defaultValue systemClock */
  readonly clock?: Clock;
  /** Makes `eventId` of imported lines that carry none. @defaultValue randomIds */
  readonly ids?: IdGenerator;
}

/** The exit codes of every command. */
export const EXIT = {
  /** Done, nothing wrong. */
  ok: 0,
  /** The input has problems, or the command could not produce its result. */
  problems: 1,
  /** The command line is wrong, or the input file cannot be read. */
  usage: 2,
} as const;

/** One of the {@link EXIT} codes. */
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
