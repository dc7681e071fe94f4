import type { Clock, EventStore, IdGenerator } from "@tenfold/core";
import type { SubjectKeyStore } from "@tenfold/core/personal";
import type * as E from "fp-ts/lib/Either.js";

// model

/**
 * Where a command writes text. `write` may return a promise that settles when the writer is
 * ready for more (backpressure); commands await it.
 */
export interface Writer {
  readonly write: (text: string) => Promise<void> | undefined;
}

/** An event store opened from a `--store URL`: the store (sealing what it appends), how to close it, and what to call it. */
export interface OpenedStore {
  readonly store: EventStore;
  readonly close: () => Promise<void>;
  /** The URL without credentials: safe to print. */
  readonly description: string;
  /**
   * Whether the store's keys of personal data die with this process (EventStoreDB given no
   * `keys`: an in-memory key store): personal values written then could never be read again.
   * @defaultValue false
   */
  readonly keysInMemory?: boolean;
}

/** What a store is opened with: the key store of `--keys DIR`, for a store that keeps no keys of its own. */
export interface StoreOpenOptions {
  readonly keys?: SubjectKeyStore;
}

/**
 * Opens the store a `--store URL` names; Left: why it cannot (printed as a usage error). Async, so
 * that a binary may load its store adapter only when a command needs it.
 */
export type StoreOpener = (url: string, options?: StoreOpenOptions) => Promise<E.Either<string, OpenedStore>> | E.Either<string, OpenedStore>;

/** What `run` talks to: its two outputs and, optionally, the clock and id generator used when importing. */
export interface CliIo {
  readonly stdout: Writer;
  readonly stderr: Writer;
  /** Stamps `recordedAt` of imported lines that carry none. @defaultValue systemClock */
  readonly clock?: Clock;
  /** Makes `eventId` of imported lines that carry none. @defaultValue randomIds */
  readonly ids?: IdGenerator;
  /** Opens `--store` URLs; without it, `--store` is refused as not available. @defaultValue none */
  readonly openStore?: StoreOpener;
  /** Random bytes for the salts of personal values (DOMAIN.md: 16 random bytes a value). @defaultValue Web Crypto's getRandomValues */
  readonly randomBytes?: (length: number) => Uint8Array;
  /** Whether stderr is a terminal: only then do long runs draw a progress bar there. @defaultValue false */
  readonly stderrIsTerminal?: boolean;
  /** Worker threads that parse, hash and decode the lines of a history file (`TENFOLD_THREADS`); 0: none. @defaultValue the machine's cores for a file over 8 MiB, else 0 */
  readonly threads?: number;
  /** Why `TENFOLD_THREADS` cannot be followed, when it cannot: every command refuses to run then, but help. */
  readonly threadsProblem?: string;
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
