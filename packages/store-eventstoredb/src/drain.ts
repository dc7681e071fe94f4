import type { StreamingRead } from "@eventstore/db-client";
import { type Deadlined, withDeadline } from "./deadline.js";

/**
 * @internal Iterates a read of the client, one event at a time (never holding more than the
 * stream's small buffer), to its end; once `take` returns false, the rest is read and ignored.
 * Reads always ask for a bounded count, and are never cut short: a read cut short leaves the
 * client's gRPC stream paused and unfinished, and `client.dispose()` then waits for it forever.
 * When `deadlineMs` passes first, the server call is cancelled. Rejects with the client's error.
 */
export const drain = async <R>(read: StreamingRead<R>, take: (item: R) => boolean, deadlineMs: number): Promise<Deadlined<void>> => {
  // The read is a Node stream: an 'error' nobody listens to would crash the process.
  read.on("error", () => undefined);
  let taking = true;
  const work = async (): Promise<void> => {
    for await (const item of read) {
      if (taking) taking = take(item);
    }
  };
  const cancel = (): void => {
    read.cancel().then(
      () => read.destroy(),
      () => read.destroy(),
    );
  };
  return withDeadline(work(), deadlineMs, cancel);
};
