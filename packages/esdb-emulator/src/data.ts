/** One event as the emulator stores it. */
export interface StoredEvent {
  readonly streamName: string;
  /** Its revision (event number) in its stream, from 0. */
  readonly revision: bigint;
  /** Its log position: for a self-committed event the commit and prepare positions are both this. */
  readonly position: bigint;
  /** Canonical lowercase UUID. */
  readonly id: string;
  readonly type: string;
  /** Whether it was appended with content type `application/json`. */
  readonly isJson: boolean;
  readonly data: Uint8Array;
  readonly metadata: Uint8Array;
  /** When it was written, in 100-ns ticks since the Unix epoch. */
  readonly created: bigint;
}

/** An event proposed for appending (its id already canonical). */
export interface ProposedEvent {
  readonly id: string;
  readonly type: string;
  readonly isJson: boolean;
  readonly data: Uint8Array;
  readonly metadata: Uint8Array;
}

/** The revision of a tombstone (`EventNumber.DeletedStream`, long.MaxValue), and the `$tb` of a soft-deleted stream. */
export const DELETED_STREAM = 2n ** 63n - 1n;

/** The event type of a tombstone record. */
export const TOMBSTONE_TYPE = "$streamDeleted";

/** An epoch a node started: its number and the log position of its epoch record. */
export interface Epoch {
  readonly number: number;
  readonly position: bigint;
}

// A prepare record's rough size on disk: length prefix and suffix, fixed header (flags, log,
// transaction and expected-version positions, event and correlation ids, timestamp), the stream
// name and event type, the data and metadata with their lengths. Positions are byte-like offsets.
const FIXED_RECORD_BYTES = 4 + 2 + 8 + 2 + 8 + 4 + 8 + 16 + 16 + 8 + 4 + 4 + 4;

/** The size of the empty prepare a server writes for an append of no events (no data, no type). */
export const emptyPrepareSize = (streamName: string): bigint => BigInt(FIXED_RECORD_BYTES + Buffer.byteLength(streamName, "utf8") + 2);

const recordSize = (streamName: string, event: ProposedEvent): bigint =>
  BigInt(
    FIXED_RECORD_BYTES + Buffer.byteLength(streamName, "utf8") + Buffer.byteLength(event.type, "utf8") + 2 +
      event.data.length + event.metadata.length,
  );

const TICKS_PER_MS = 10_000n;

/**
 * The emulator's store: the `$all` log and its streams, kept in memory. Pass the same instance to
 * a new `startEmulator` to model a server restarting over the same stored data.
 */
export class EmulatorData {
  readonly #log: StoredEvent[] = [];
  readonly #streams = new Map<string, StoredEvent[]>();
  readonly #lastById = new Map<string, StoredEvent>();
  readonly #tombstones = new Map<string, StoredEvent>();
  readonly #watchers = new Set<() => void>();
  readonly #epochs: Epoch[] = [];
  // The log starts at 0 with the first epoch record, which every node start writes (so no event sits at 0).
  #nextPosition = 0n;

  /** Every stored event in `$all` order (ascending position). */
  get all(): readonly StoredEvent[] {
    return this.#log;
  }

  /** The events of one stream, by revision (empty when the stream does not exist). */
  stream(streamName: string): readonly StoredEvent[] {
    return this.#streams.get(streamName) ?? [];
  }

  /** A tombstoned stream's tombstone record (undefined when the stream was never tombstoned). */
  tombstoneOf(streamName: string): StoredEvent | undefined {
    return this.#tombstones.get(streamName);
  }

  /** The last revision of a stream's events (a tombstone aside), or undefined when it has none. */
  lastRevision(streamName: string): bigint | undefined {
    const events = this.#streams.get(streamName);
    return events === undefined || events.length === 0 ? undefined : BigInt(events.length - 1);
  }

  /** The last epoch a node started over this data (undefined before the first start). */
  get lastEpoch(): Epoch | undefined {
    return this.#epochs.at(-1);
  }

  /** Records an epoch a node started (its epoch record already written with `writeRecord`). */
  addEpoch(epoch: Epoch): void {
    this.#epochs.push(epoch);
  }

  /** The most recent stored event with this id (any stream). */
  lastWithId(id: string): StoredEvent | undefined {
    return this.#lastById.get(id);
  }

  /** Index of the first `$all` event at or after `position`. */
  indexFrom(position: bigint): number {
    let low = 0;
    let high = this.#log.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      const event = this.#log[mid];
      if (event !== undefined && event.position < position) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  /**
   * Writes a record that holds no event (an empty append's prepare, a node's epoch record): the
   * log grows by `bytes` and nothing new is visible. Returns the record's log position.
   */
  writeRecord(bytes: bigint): bigint {
    const position = this.#nextPosition;
    this.#nextPosition += bytes;
    return position;
  }

  /** Appends events to a stream without any check (the write path checks first) and wakes watchers. */
  write(streamName: string, events: readonly ProposedEvent[]): readonly StoredEvent[] {
    if (events.length === 0) return [];
    const stream = this.#streams.get(streamName) ?? [];
    this.#streams.set(streamName, stream);
    const created = BigInt(Date.now()) * TICKS_PER_MS;
    const written = events.map((event) => {
      const stored: StoredEvent = Object.freeze({
        ...event,
        streamName,
        revision: BigInt(stream.length),
        position: this.#nextPosition,
        created,
      });
      this.#nextPosition += recordSize(streamName, event);
      stream.push(stored);
      this.#log.push(stored);
      this.#lastById.set(stored.id, stored);
      return stored;
    });
    for (const watcher of [...this.#watchers]) watcher();
    return written;
  }

  /**
   * Writes a stream's tombstone, as a hard delete does: a `$streamDeleted` record (no data, not JSON)
   * at revision `DELETED_STREAM`, visible in `$all`, and not one of `stream(streamName)`'s events.
   */
  writeTombstone(streamName: string, id: string): StoredEvent {
    const tombstone: StoredEvent = Object.freeze({
      streamName,
      revision: DELETED_STREAM,
      position: this.#nextPosition,
      id,
      type: TOMBSTONE_TYPE,
      isJson: false,
      data: new Uint8Array(),
      metadata: new Uint8Array(),
      created: BigInt(Date.now()) * TICKS_PER_MS,
    });
    this.#nextPosition += recordSize(streamName, tombstone);
    this.#log.push(tombstone);
    this.#lastById.set(id, tombstone);
    this.#tombstones.set(streamName, tombstone);
    for (const watcher of [...this.#watchers]) watcher();
    return tombstone;
  }

  /** Calls `watcher` after every write until the returned function is called. */
  watch(watcher: () => void): () => void {
    this.#watchers.add(watcher);
    return () => {
      this.#watchers.delete(watcher);
    };
  }
}
