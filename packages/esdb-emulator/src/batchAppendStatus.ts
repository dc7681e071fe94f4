import { codePb, googleEmptyPb, packAny, sharedPb, statusPb, streamIdentifier, streamsPb } from "./proto.js";
import type { CodePb, StatusPb, StreamsPb } from "./proto.js";
import type { Expected, WriteOutcome } from "./writes.js";

/*
 * The results a BatchAppend sends back, shaped as the server's `Status` helpers shape them: an
 * error is a google.rpc.Status whose single `details` Any is packed under `event_store.client.<Name>`
 * (both Node clients read `details.getTypeName()` without a null check, so it is always set).
 */

const status = (code: CodePb.Code, message: string, details: { serializeBinary(): Uint8Array }, type: string): StatusPb.Status =>
  new statusPb.Status().setCode(code).setMessage(message).setDetails(packAny(details, `event_store.client.${type}`));

/** Status.WrongExpectedVersion: ALREADY_EXISTS with the current and expected revisions. */
export const wrongExpectedVersionStatus = (expected: Expected, current: bigint | undefined): StatusPb.Status => {
  const wrong = new sharedPb.WrongExpectedVersion();
  if (current === undefined) wrong.setCurrentNoStream(new googleEmptyPb.Empty());
  else wrong.setCurrentStreamRevision(current.toString(10));
  switch (expected.kind) {
    case "revision":
      wrong.setExpectedStreamPosition(expected.revision.toString(10));
      break;
    case "any":
      wrong.setExpectedAny(new googleEmptyPb.Empty());
      break;
    case "no_stream":
      wrong.setExpectedNoStream(new googleEmptyPb.Empty());
      break;
    case "stream_exists":
      wrong.setExpectedStreamExists(new googleEmptyPb.Empty());
      break;
  }
  return status(codePb.Code.ALREADY_EXISTS, "WrongExpectedVersion", wrong, "WrongExpectedVersion");
};

/** Status.StreamDeleted: NOT_FOUND with the stream's identifier (the clients raise StreamDeletedError). */
export const streamDeletedStatus = (streamName: string): StatusPb.Status =>
  status(codePb.Code.NOT_FOUND, "StreamDeleted", new sharedPb.StreamDeleted().setStreamIdentifier(streamIdentifier(streamName)), "StreamDeleted");

/** Status.Timeout: DEADLINE_EXCEEDED, an empty `Timeout` detail (the clients raise DeadlineExceededError). */
export const timeoutStatus = (): StatusPb.Status => status(codePb.Code.DEADLINE_EXCEEDED, "Timeout", new sharedPb.Timeout(), "Timeout");

/** Status.MaximumAppendSizeExceeded: INVALID_ARGUMENT with the server's maximum. */
export const maximumAppendSizeExceededStatus = (maxAppendSize: number): StatusPb.Status =>
  status(
    codePb.Code.INVALID_ARGUMENT,
    "MaximumAppendSizeExceeded",
    new sharedPb.MaximumAppendSizeExceeded().setMaxappendsize(maxAppendSize),
    "MaximumAppendSizeExceeded",
  );

/** Status.BadRequest: INVALID_ARGUMENT with the parse failure's message. */
export const badRequestStatus = (message: string): StatusPb.Status =>
  status(codePb.Code.INVALID_ARGUMENT, "BadRequest", new sharedPb.BadRequest().setMessage(message), "BadRequest");

/** The Success result of a completed batch: the current revision (or no stream) and the position (or none). */
export const successResult = (outcome: Extract<WriteOutcome, { kind: "success" }>): StreamsPb.BatchAppendResp.Success => {
  const result = new streamsPb.BatchAppendResp.Success();
  if (outcome.revision === undefined) result.setNoStream(new googleEmptyPb.Empty());
  else result.setCurrentRevision(outcome.revision.toString(10));
  if (outcome.position === undefined) return result.setNoPosition(new googleEmptyPb.Empty());
  const position = new sharedPb.AllStreamPosition();
  position.setCommitPosition(outcome.position.commit.toString(10));
  position.setPreparePosition(outcome.position.prepare.toString(10));
  return result.setPosition(position);
};
