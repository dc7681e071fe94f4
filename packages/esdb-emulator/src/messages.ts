import type { ServerWritableStream } from "@grpc/grpc-js";
import type { StoredEvent } from "./data.js";
import type { ReadRecord } from "./links.js";
import { streamIdentifier, streamsPb, type StreamsPb } from "./proto.js";
import { writeUuid } from "./uuid.js";

/** The server-streaming Read call. */
export type ReadCall = ServerWritableStream<StreamsPb.ReadReq, StreamsPb.ReadResp>;

const recordedEvent = (event: StoredEvent, structuredIds: boolean): StreamsPb.ReadResp.ReadEvent.RecordedEvent => {
  const recorded = new streamsPb.ReadResp.ReadEvent.RecordedEvent();
  recorded.setId(writeUuid(event.id, structuredIds));
  recorded.setStreamIdentifier(streamIdentifier(event.streamName));
  recorded.setStreamRevision(event.revision.toString(10));
  recorded.setPreparePosition(event.position.toString(10));
  recorded.setCommitPosition(event.position.toString(10));
  recorded.setData(event.data);
  recorded.setCustomMetadata(event.metadata);
  recorded
    .getMetadataMap()
    .set("type", event.type)
    .set("created", event.created.toString(10))
    .set("content-type", event.isJson ? "application/json" : "application/octet-stream");
  return recorded;
};

/**
 * A ReadResp carrying one record, as the server shapes it: `event` and `link` as resolved, each
 * with its own position (commit = prepare, as for self-committed events), and the read event's
 * `commit_position` that of the record read (the link, for a link).
 */
export const eventMessage = (record: ReadRecord, structuredIds: boolean): StreamsPb.ReadResp => {
  const read = new streamsPb.ReadResp.ReadEvent();
  if (record.event !== undefined) read.setEvent(recordedEvent(record.event, structuredIds));
  if (record.link !== undefined) read.setLink(recordedEvent(record.link, structuredIds));
  read.setCommitPosition(record.original.position.toString(10));
  return new streamsPb.ReadResp().setEvent(read);
};

/** The "stream not found" answer to reading a stream that does not exist. */
export const streamNotFoundMessage = (streamName: string): StreamsPb.ReadResp => {
  const notFound = new streamsPb.ReadResp.StreamNotFound();
  notFound.setStreamIdentifier(streamIdentifier(streamName));
  return new streamsPb.ReadResp().setStreamNotFound(notFound);
};

/** A subscription's confirmation. */
export const confirmationMessage = (subscriptionId: string): StreamsPb.ReadResp =>
  new streamsPb.ReadResp().setConfirmation(new streamsPb.ReadResp.SubscriptionConfirmation().setSubscriptionId(subscriptionId));

/** A filtered `$all` subscription's checkpoint. */
export const checkpointMessage = (position: bigint): StreamsPb.ReadResp => {
  const checkpoint = new streamsPb.ReadResp.Checkpoint();
  checkpoint.setCommitPosition(position.toString(10));
  checkpoint.setPreparePosition(position.toString(10));
  return new streamsPb.ReadResp().setCheckpoint(checkpoint);
};

/** The message a subscription sends when it reaches the head of the log. */
export const caughtUpMessage = (): StreamsPb.ReadResp => new streamsPb.ReadResp().setCaughtUp(new streamsPb.ReadResp.CaughtUp());

/** Whether the call can still be written to. */
export const isOpen = (call: ReadCall): boolean => !call.cancelled && !call.writableEnded && !call.destroyed;

/** Writes a message, waiting for the transport to drain when it pushes back; false once closed. */
export const send = (call: ReadCall, message: StreamsPb.ReadResp): Promise<boolean> => {
  if (!isOpen(call)) return Promise.resolve(false);
  if (call.write(message)) return Promise.resolve(true);
  return new Promise((resolve) => {
    const settle = (): void => {
      call.off("drain", settle);
      call.off("cancelled", settle);
      call.off("close", settle);
      resolve(isOpen(call));
    };
    call.on("drain", settle);
    call.on("cancelled", settle);
    call.on("close", settle);
  });
};
