import type { handleBidiStreamingCall } from "@grpc/grpc-js";
import { takeDroppedReply, type EmulatorContext } from "./context.js";
import type { ProposedEvent } from "./data.js";
import { isProposalError, missingMetadataDetail, replyLost, toProposedEvent, unimplemented } from "./errors.js";
import { codePb, googleEmptyPb, packAny, sharedPb, statusPb, streamIdentifier, streamNameOf, streamsPb } from "./proto.js";
import type { CodePb, SharedPb, StatusPb, StreamsPb } from "./proto.js";
import { readUuid } from "./uuid.js";
import { appendToStream, type Expected, type WriteOutcome } from "./writes.js";

type Options = StreamsPb.BatchAppendReq.Options;

// The server caps every batch append at its write timeout (2 s by default).
const WRITE_TIMEOUT_MS = 2_000;

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

const status = (code: CodePb.Code, message: string, details: { serializeBinary(): Uint8Array }, type: string): StatusPb.Status =>
  new statusPb.Status().setCode(code).setMessage(message).setDetails(packAny(details, `event_store.client.${type}`));

const wrongExpectedVersion = (expected: Expected, current: bigint | undefined): StatusPb.Status => {
  const wrong = new sharedPb.WrongExpectedVersion();
  if (current === undefined) wrong.setCurrentNoStream(new googleEmptyPb.Empty());
  else wrong.setCurrentStreamRevision(current.toString(10));
  if (expected.kind === "revision") wrong.setExpectedStreamPosition(expected.revision.toString(10));
  else if (expected.kind === "any") wrong.setExpectedAny(new googleEmptyPb.Empty());
  else if (expected.kind === "no_stream") wrong.setExpectedNoStream(new googleEmptyPb.Empty());
  else wrong.setExpectedStreamExists(new googleEmptyPb.Empty());
  return status(codePb.Code.ALREADY_EXISTS, "WrongExpectedVersion", wrong, "WrongExpectedVersion");
};

const timeout = (): StatusPb.Status => status(codePb.Code.DEADLINE_EXCEEDED, "Timeout", new sharedPb.Timeout(), "Timeout");

const badRequest = (message: string): StatusPb.Status =>
  status(codePb.Code.INVALID_ARGUMENT, "BadRequest", new sharedPb.BadRequest().setMessage(message), "BadRequest");

const success = (outcome: Extract<WriteOutcome, { kind: "success" }>): StreamsPb.BatchAppendResp.Success => {
  const result = new streamsPb.BatchAppendResp.Success();
  if (outcome.revision === undefined) result.setNoStream(new googleEmptyPb.Empty());
  else result.setCurrentRevision(outcome.revision.toString(10));
  if (outcome.position === undefined) return result.setNoPosition(new googleEmptyPb.Empty());
  const position = new sharedPb.AllStreamPosition();
  position.setCommitPosition(outcome.position.commit.toString(10));
  position.setPreparePosition(outcome.position.prepare.toString(10));
  return result.setPosition(position);
};

interface PendingWrite {
  readonly correlation: SharedPb.UUID | undefined;
  readonly options: Options;
  readonly events: ProposedEvent[];
}

/** Streams.BatchAppend: correlated batches in, one result per completed batch out. */
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

    const reply = (write: PendingWrite, result: StatusPb.Status | StreamsPb.BatchAppendResp.Success): void => {
      if (failed || call.cancelled || call.writableEnded) return;
      const response = new streamsPb.BatchAppendResp()
        .setCorrelationId(write.correlation)
        .setStreamIdentifier(streamIdentifier(streamNameOf(write.options.getStreamIdentifier())));
      call.write(result instanceof statusPb.Status ? response.setError(result) : response.setSuccess(result));
    };

    // A hung write never completes; the server answers Timeout when the batch's deadline passes.
    const hang = (write: PendingWrite): void => {
      const deadline = write.options.getDeadline()?.toDate().getTime() ?? Number.POSITIVE_INFINITY;
      const timer = setTimeout(() => {
        timers.delete(timer);
        reply(write, timeout());
      }, Math.max(0, Math.min(deadline - Date.now(), WRITE_TIMEOUT_MS)));
      timers.add(timer);
    };

    const complete = (write: PendingWrite): void => {
      if (context.hanging) return hang(write);
      const expected = expectedOf(write.options);
      const streamName = streamNameOf(write.options.getStreamIdentifier());
      const outcome = appendToStream(context.data, streamName, expected, write.events);
      if (takeDroppedReply(context)) {
        failed = true;
        call.emit("error", replyLost());
        return;
      }
      reply(write, outcome.kind === "success" ? success(outcome) : wrongExpectedVersion(expected, outcome.current));
    };

    call.on("data", (request: StreamsPb.BatchAppendReq) => {
      const key = readUuid(request.getCorrelationId()) ?? "";
      const options = request.getOptions();
      if (options !== undefined && !pending.has(key)) {
        pending.set(key, { correlation: request.getCorrelationId(), options, events: [] });
      }
      const write = pending.get(key);
      if (write === undefined) return;
      for (const message of request.getProposedMessagesList()) {
        const event = toProposedEvent(message);
        if (isProposalError(event)) {
          pending.delete(key);
          reply(write, badRequest(event.kind === "bad-id" ? "Invalid event id" : missingMetadataDetail(event.property)));
          return;
        }
        write.events.push(event);
      }
      if (!request.getIsFinal()) return;
      pending.delete(key);
      complete(write);
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
