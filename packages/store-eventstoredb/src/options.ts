import { redactSecrets } from "@tenfold/core/adapter";
import { type Sha256 } from "@tenfold/core/audit";
import type { SubjectKeyStore } from "@tenfold/core/personal";
import { STREAM_PREFIX } from "@tenfold/core/adapter";

// model

/** How a subscription reconnects after the server drops it: delays double from `initialDelayMs` up to `maxDelayMs`. */
export interface ReconnectPolicy {
  /** Wait before the first attempt to resubscribe. @defaultValue 100 */
  readonly initialDelayMs?: number;
  /** Longest wait between two attempts. @defaultValue 5000 */
  readonly maxDelayMs?: number;
  /** Consecutive failed attempts after which the subscription stops with StoreUnavailable. @defaultValue 60 */
  readonly maxAttempts?: number;
}

/** Options of {@link createEventStoreDbStore}. */
export interface EventStoreDbStoreOptions {
  /** Longest wait, in milliseconds, for one append or one page read before it fails with StoreUnavailable. @defaultValue 10_000 */
  readonly deadlineMs?: number;
  /**
   * Isolates this store within a shared server (tests, tenants): stream `s` is stored as
   * `tenfold-<namespace>:s`, and `readAll` and subscriptions see only those streams. An Id
   * (1–64 of `A–Z a–z 0–9 . _ -`). Without it, stream ids are stored as given and `readAll`
   * and subscriptions see the streams whose ids start with `tenfold-`.
   */
  readonly namespace?: string;
  /** Reconnection of subscriptions. */
  readonly reconnect?: ReconnectPolicy;
  /** Strings blanked out of every error reason (`connectEventStoreDb` passes the connection's credentials). */
  readonly secrets?: ReadonlyArray<string>;
  /** The SHA-256 that seals appended events (DOMAIN.md's hash chain) and commits to personal values. @defaultValue node:crypto's */
  readonly sha256?: Sha256;
  /**
   * Where the data subjects' keys live (EventStoreDB holds only ciphertext of personal values, and
   * no key: a deleted event is not gone until a scavenge). Give a durable one, such as
   * `createPostgresKeyStore` of @tenfold/store-postgres. @defaultValue an in-memory key store: the
   * keys die with the process, and personal values recorded then read as erased after a restart
   */
  readonly keys?: SubjectKeyStore;
}

/** @internal The options with every default filled in, and the stream naming they imply. */
export interface Settings {
  readonly deadlineMs: number;
  readonly reconnect: Required<ReconnectPolicy>;
  /** Prefix of every stream this store reads in `readAll` and subscriptions. */
  readonly allPrefix: string;
  /** The stored stream id of a stream id. */
  readonly toStored: (streamId: string) => string;
  /** The stream id of a stored stream id (one that starts with `allPrefix`). */
  readonly fromStored: (storedId: string) => string;
  readonly redact: (text: string) => string;
}

// constructors

const ID = /^[A-Za-z0-9._-]{1,64}$/;

const positive = (value: number | undefined, fallback: number, what: string): number => {
  if (value === undefined) return fallback;
  if (!(value > 0) || Number.isNaN(value)) throw new RangeError(`${what} must be a positive number of milliseconds, got ${value}`);
  return value;
};

/** @internal Replaces every secret (and any `user:password@` of a URL) with `***`. */
export const redactor = (secrets: ReadonlyArray<string>): ((text: string) => string) => {
  const blank = redactSecrets(secrets);
  return (text) => blank(text.replace(/(\w[\w+.-]*:\/\/)[^@/\s]*@/g, "$1***@"));
};

/** @internal Checks the options (a bad option is a programmer error: RangeError) and fills in the defaults. */
export const settingsOf = (options: EventStoreDbStoreOptions = {}): Settings => {
  const { namespace, reconnect = {}, secrets = [] } = options;
  if (namespace !== undefined && !ID.test(namespace)) {
    throw new RangeError(`namespace must be 1–64 characters from A–Z a–z 0–9 . _ -, got ${JSON.stringify(namespace)}`);
  }
  const maxAttempts = reconnect.maxAttempts ?? 60;
  if (!(Number.isInteger(maxAttempts) || maxAttempts === Infinity) || maxAttempts < 1) {
    throw new RangeError(`reconnect.maxAttempts must be a whole number ≥ 1 (or Infinity), got ${maxAttempts}`);
  }
  const allPrefix = namespace === undefined ? STREAM_PREFIX : `${STREAM_PREFIX}${namespace}:`;
  const stored = namespace === undefined ? "" : allPrefix;
  return {
    deadlineMs: positive(options.deadlineMs, 10_000, "deadlineMs"),
    reconnect: {
      initialDelayMs: positive(reconnect.initialDelayMs, 100, "reconnect.initialDelayMs"),
      maxDelayMs: positive(reconnect.maxDelayMs, 5000, "reconnect.maxDelayMs"),
      maxAttempts,
    },
    allPrefix,
    toStored: (streamId) => `${stored}${streamId}`,
    fromStored: (storedId) => storedId.slice(stored.length),
    redact: redactor(secrets),
  };
};
