import type { handleBidiStreamingCall } from "@grpc/grpc-js";
import {
  badRequestStatus,
  maximumAppendSizeExceededStatus,
  streamDeletedStatus,
  successResult,
  timeoutStatus,
  wrongExpectedVersionStatus,
} from "./batchAppendStatus.js";
import { batchTimeoutMs } from "./batchDeadline.js";
import { takeDroppedReply, type EmulatorContext } from "./context.js";
import type { ProposedEvent } from "./data.js";
import { isProposalError, missingMetadataDetail, replyLost, sizeOnDisk, toProposedEvent, unimplemented } from "./errors.js";
import { statusPb, streamIdentifier, streamNameOf, streamsPb } from "./proto.js";
import type { SharedPb, StatusPb, StreamsPb } from "./proto.js";
import { readUuid } from "./uuid.js";
import { appendToStream, type Expected } from "./writes.js";

type Options = StreamsPb.BatchAppendReq.Options;

const expectedOf = (options: Options): Expected => {
  const Case = streamsPb.BatchAppendReq.Options.ExpectedStreamPositionCase; // read when called: the protocol is loaded when the emulator starts
  switch (options.getExpectedStreamPositionCase()) {
    case Case.STREAM_POSITION:
      return { kind: "revision", revision: BigInt(options.getStreamPosition()) };
    case Case.NO_STREAM:
      return { kind: "no_stream" };
    case Case.STREAM_EXISTS:
      return { kind: "stream_exists" };
    case Case.ANY:
    case Case.EXPECTED_STREAM_POSITION_NOT_SET:
      return { kind: "any" };
  }
};

/** A batch whose first chunk arrived: receiving more chunks, hung (complete, never to be written), or answered. */
interface PendingWrite {
  readonly key: string;
  readonly correlation: SharedPb.UUID | undefined;
  readonly options: Options;
  readonly streamName: string;
  readonly events: ProposedEvent[];
  /** The events' summed size, as counted against the maximum append size. */
  size: number;
  state: "receiving" | "hung" | "answered";
  timer: NodeJS.Timeout | undefined;
}

type Result = StatusPb.Status | StreamsPb.BatchAppendResp.Success;

/**
 * Streams.BatchAppend: correlated batches in, one result per batch out. As on the server, each
 * batch has min(its deadline, the 2 s write timeout) from its first chunk for its final chunk to
 * arrive, else it is answered Timeout; a deadline already past is answered Timeout at once. Once
 * complete, the write goes ahead whatever the deadline.
 */
export const batchAppendHandler =
  (context: EmulatorContext): handleBidiStreamingCall<StreamsPb.BatchAppendReq, StreamsPb.BatchAppendResp> =>
  (call) => {
    context.calls.batchAppend++;
    if (!context.batchAppend) {
      call.emit("error", unimplemented("BatchAppend"));
      return;
    }
    const pending = new Map<string, PendingWrite>();
    const timers = new Set<NodeJS.Timeout>();
    let failed = false;

    const send = (correlation: SharedPb.UUID | undefined, streamName: string, result: Result): void => {
      if (failed || call.cancelled || call.writableEnded) return;
      const response = new streamsPb.BatchAppendResp().setCorrelationId(correlation).setStreamIdentifier(streamIdentifier(streamName));
      call.write(result instanceof statusPb.Status ? response.setError(result) : response.setSuccess(result));
    };

    // Answers a batch once: it leaves the pending writes and its timer is cancelled.
    const answer = (write: PendingWrite, result: Result): void => {
      if (write.state === "answered") return;
      write.state = "answered";
      if (pending.get(write.key) === write) pending.delete(write.key);
      if (write.timer !== undefined) {
        clearTimeout(write.timer);
        timers.delete(write.timer);
      }
      send(write.correlation, write.streamName, result);
    };

    const begin = (key: string, correlation: SharedPb.UUID | undefined, options: Options): void => {
      const streamName = streamNameOf(options.getStreamIdentifier());
      const timeout = batchTimeoutMs(options);
      if (timeout <= 0) {
        send(correlation, streamName, timeoutStatus());
        return;
      }
      const write: PendingWrite = { key, correlation, options, streamName, events: [], size: 0, state: "receiving", timer: undefined };
      write.timer = setTimeout(() => answer(write, timeoutStatus()), timeout);
      timers.add(write.timer);
      pending.set(key, write);
    };

    const complete = (write: PendingWrite): void => {
      const expected = expectedOf(write.options);
      const outcome = appendToStream(context.data, write.streamName, expected, write.events);
      if (takeDroppedReply(context)) {
        failed = true;
        call.emit("error", replyLost());
        return;
      }
      switch (outcome.kind) {
        case "success":
          return answer(write, successResult(outcome));
        case "wrong-expected-version":
          return answer(write, wrongExpectedVersionStatus(expected, outcome.current));
        case "stream-deleted":
          return answer(write, streamDeletedStatus(write.streamName));
      }
    };

    call.on("data", (request: StreamsPb.BatchAppendReq) => {
      const key = readUuid(request.getCorrelationId()) ?? "";
      const options = request.getOptions();
      if (options !== undefined && !pending.has(key)) begin(key, request.getCorrelationId(), options);
      const write = pending.get(key);
      if (write?.state !== "receiving") return; // unknown, timed out or already answered: ignored, as on the server
      for (const message of request.getProposedMessagesList()) {
        const event = toProposedEvent(message);
        if (isProposalError(event)) {
          answer(write, badRequestStatus(event.kind === "bad-id" ? "Invalid event id" : missingMetadataDetail(event.property)));
          return;
        }
        write.events.push(event);
        write.size += sizeOnDisk(event.type, event.data, event.metadata);
      }
      // The server sums the sizes over every chunk received; over the maximum, the batch is
      // answered at once and its later chunks are ignored.
      if (write.size > context.maxAppendSize) {
        answer(write, maximumAppendSizeExceededStatus(context.maxAppendSize));
        return;
      }
      if (!request.getIsFinal()) return;
      pending.delete(key);
      // A hung server never writes the batch: its timer still answers Timeout when it fires.
      if (context.hanging) write.state = "hung";
      else complete(write);
    });
    const stop = (): void => {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
    };
    const release = (): void => {
      stop();
      context.releases.delete(release);
    };
    context.releases.add(release);
    call.on("cancelled", release);
    call.on("error", release);
    call.on("end", () => {
      release();
      if (!failed && !call.writableEnded) call.end();
    });
  };
