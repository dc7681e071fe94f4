import type { handleClientStreamingCall } from "@grpc/grpc-js";
import { holdUnanswered, takeDroppedReply, type EmulatorContext } from "./context.js";
import type { ProposedEvent } from "./data.js";
import {
  invalidArgument,
  isProposalError,
  maxAppendSizeExceeded,
  proposalCallError,
  replyLost,
  sizeOnDisk,
  streamDeleted,
  toProposedEvent,
  type CallError,
} from "./errors.js";
import { sharedPb, streamNameOf, streamsPb, type StreamsPb } from "./proto.js";
import { appendToStream, type Expected, type WriteOutcome } from "./writes.js";

type AppendOptions = StreamsPb.AppendReq.Options;

const expectedOf = (options: AppendOptions): Expected | undefined => {
  const Case = streamsPb.AppendReq.Options.ExpectedStreamRevisionCase; // read when called: the protocol is loaded when the emulator starts
  switch (options.getExpectedStreamRevisionCase()) {
    case Case.REVISION:
      return { kind: "revision", revision: BigInt(options.getRevision()) };
    case Case.NO_STREAM:
      return { kind: "no_stream" };
    case Case.ANY:
      return { kind: "any" };
    case Case.STREAM_EXISTS:
      return { kind: "stream_exists" };
    case Case.EXPECTED_STREAM_REVISION_NOT_SET:
      return undefined;
  }
};

// The deprecated *_20_6_0 fields are plain numbers in the generated code; they are filled as the
// server does when the value fits, for clients that still read them.
const legacyNumber = (value: bigint): number | undefined =>
  value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : undefined;

const wrongExpectedVersion = (expected: Expected, current: bigint | undefined): StreamsPb.AppendResp => {
  const wrong = new streamsPb.AppendResp.WrongExpectedVersion();
  switch (expected.kind) {
    case "any":
      wrong.setExpectedAny(new sharedPb.Empty()).setAny2060(new sharedPb.Empty());
      break;
    case "stream_exists":
      wrong.setExpectedStreamExists(new sharedPb.Empty()).setStreamExists2060(new sharedPb.Empty());
      break;
    case "no_stream":
      wrong.setExpectedNoStream(new sharedPb.Empty());
      break;
    case "revision": {
      wrong.setExpectedRevision(expected.revision.toString(10));
      const legacy = legacyNumber(expected.revision);
      if (legacy !== undefined) wrong.setExpectedRevision2060(legacy);
      break;
    }
  }
  if (current === undefined) {
    wrong.setCurrentNoStream(new sharedPb.Empty()).setNoStream2060(new sharedPb.Empty());
  } else {
    wrong.setCurrentRevision(current.toString(10));
    const legacy = legacyNumber(current);
    if (legacy !== undefined) wrong.setCurrentRevision2060(legacy);
  }
  return new streamsPb.AppendResp().setWrongExpectedVersion(wrong);
};

/** The AppendResp for a write outcome that is not a stream-deleted error, shaped as the server shapes it. */
export const appendResponse = (outcome: Exclude<WriteOutcome, { kind: "stream-deleted" }>, expected: Expected): StreamsPb.AppendResp => {
  if (outcome.kind === "wrong-expected-version") return wrongExpectedVersion(expected, outcome.current);
  const success = new streamsPb.AppendResp.Success();
  if (outcome.revision === undefined) success.setNoStream(new sharedPb.Empty());
  else success.setCurrentRevision(outcome.revision.toString(10));
  if (outcome.position === undefined) {
    success.setNoPosition(new sharedPb.Empty());
  } else {
    const position = new streamsPb.AppendResp.Position();
    position.setCommitPosition(outcome.position.commit.toString(10));
    position.setPreparePosition(outcome.position.prepare.toString(10));
    success.setPosition(position);
  }
  return new streamsPb.AppendResp().setSuccess(success);
};

/** What the options message of an Append states. */
type Head = { readonly streamName: string; readonly expected: Expected };

const headOf = (request: StreamsPb.AppendReq): Head | undefined => {
  const options = request.getOptions();
  const expected = options === undefined ? undefined : expectedOf(options);
  return options === undefined || expected === undefined ? undefined : { streamName: streamNameOf(options.getStreamIdentifier()), expected };
};

/**
 * Streams.Append: options, then proposed messages; one reply once the client half-closes. As on
 * the server, each message is checked as it arrives (type and content type, then the running size
 * against the maximum append size, then the id), and the first failure ends the call at once.
 */
export const appendHandler =
  (context: EmulatorContext): handleClientStreamingCall<StreamsPb.AppendReq, StreamsPb.AppendResp> =>
  (call, callback) => {
    context.calls.append++;
    let head: Head | undefined;
    let started = false;
    let failed = false;
    let size = 0;
    const events: ProposedEvent[] = [];
    // A hung emulator answers nothing, failures included: the call is held once the client half-closes.
    const fail = (error: CallError): void => {
      if (failed) return;
      failed = true;
      if (!context.hanging) callback(error);
    };
    const accept = (request: StreamsPb.AppendReq): CallError | undefined => {
      if (!started) {
        started = true;
        head = headOf(request);
        return head === undefined ? invalidArgument("Append must start with its options") : undefined;
      }
      const message = request.getProposedMessage();
      if (message === undefined) return invalidArgument("Append expects proposed messages after its options");
      const event = toProposedEvent(message);
      if (isProposalError(event) && event.kind === "missing-metadata") return proposalCallError(event);
      const type = message.getMetadataMap().get("type") ?? "";
      size += sizeOnDisk(type, message.getData_asU8(), message.getCustomMetadata_asU8());
      if (size > context.maxAppendSize) return maxAppendSizeExceeded(context.maxAppendSize);
      if (isProposalError(event)) return proposalCallError(event);
      events.push(event);
      return undefined;
    };
    call.on("data", (request: StreamsPb.AppendReq) => {
      if (failed) return;
      const error = accept(request);
      if (error !== undefined) fail(error);
    });
    call.on("error", () => undefined);
    call.on("end", () => {
      if (context.hanging) {
        holdUnanswered(context, call);
        return;
      }
      if (failed) return;
      if (head === undefined) {
        fail(invalidArgument("Append must start with its options"));
        return;
      }
      const outcome = appendToStream(context.data, head.streamName, head.expected, events);
      if (takeDroppedReply(context)) callback(replyLost());
      else if (outcome.kind === "stream-deleted") callback(streamDeleted(head.streamName));
      else callback(null, appendResponse(outcome, head.expected));
    });
  };
