import { type Deadlined, withDeadline } from "./deadline.js";

/** A read of EventStoreDB's client: a Node stream with `cancel()`. */
interface CancellableRead {
  on(event: "error", listener: (error: Error) => void): unknown;
  cancel(): Promise<void>;
  destroy(): unknown;
}

const isCancellable = (read: object): read is CancellableRead => "cancel" in read && typeof read.cancel === "function" && "on" in read;

/**
 * @internal Iterates a read of the client, one event at a time (never holding more than the
 * stream's small buffer), to its end; once `take` returns false, the rest is read and ignored.
 * Reads always ask for a bounded count, and are never cut short: a read of EventStoreDB's client
 * cut short leaves its gRPC stream paused and unfinished, and `client.dispose()` then waits for it
 * forever. When `deadlineMs` passes first, the read is abandoned with TimedOut: EventStoreDB's
 * client's server call is cancelled; KurrentDB's iterator (its reads go through its Rust bridge)
 * is asked to return, which it does only once its pending step settles, so a hung read there stays
 * open in the background until the server answers or the client is disposed. Rejects with the client's error.
 */
export const drain = async <R>(read: AsyncIterable<R>, take: (item: R) => boolean, deadlineMs: number): Promise<Deadlined<void>> => {
  // A Node stream: an 'error' nobody listens to would crash the process.
  if (isCancellable(read)) read.on("error", () => undefined);
  const iterator = read[Symbol.asyncIterator]();
  let taking = true;
  const work = async (): Promise<void> => {
    for (;;) {
      const next = await iterator.next();
      if (next.done === true) return;
      if (taking) taking = take(next.value);
    }
  };
  const cancel = (): void => {
    if (isCancellable(read)) {
      read.cancel().then(
        () => read.destroy(),
        () => read.destroy(),
      );
    } else {
      void iterator.return?.().catch(() => undefined);
    }
  };
  return withDeadline(work(), deadlineMs, cancel);
};
