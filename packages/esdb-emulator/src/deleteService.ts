import type { handleUnaryCall } from "@grpc/grpc-js";
import { holdUnanswered, type EmulatorContext } from "./context.js";
import { deleteStream, type DeleteOutcome } from "./deletes.js";
import { invalidArgument, streamDeleted, wrongExpectedVersionError, type CallError } from "./errors.js";
import { streamNameOf, streamsPb, type StreamsPb } from "./proto.js";
import type { Expected } from "./writes.js";

type Options = StreamsPb.DeleteReq.Options | StreamsPb.TombstoneReq.Options;

// DeleteReq.Options and TombstoneReq.Options carry their expectation alike.
const expectedOf = (options: Options): Expected | undefined => {
  if (options.hasRevision()) return { kind: "revision", revision: BigInt(options.getRevision()) };
  if (options.hasNoStream()) return { kind: "no_stream" };
  if (options.hasAny()) return { kind: "any" };
  if (options.hasStreamExists()) return { kind: "stream_exists" };
  return undefined;
};

/** An expectation as the server's long: a revision, -1 no stream, -2 any, -4 stream exists. */
const expectedVersion = (expected: Expected): bigint => {
  switch (expected.kind) {
    case "revision":
      return expected.revision;
    case "no_stream":
      return -1n;
    case "any":
      return -2n;
    case "stream_exists":
      return -4n;
  }
};

type Reply = { readonly position: { readonly commit: bigint; readonly prepare: bigint } } | CallError;

const replyOf = (outcome: DeleteOutcome, streamName: string, expected: Expected): Reply => {
  switch (outcome.kind) {
    case "deleted":
      return { position: outcome.position };
    case "wrong-expected-version":
      return wrongExpectedVersionError("Delete", streamName, expectedVersion(expected), outcome.current);
    case "stream-deleted":
      return streamDeleted(streamName);
  }
};

/** Streams.Delete (a soft delete) and Streams.Tombstone (a hard delete), with the server's answers. */
const deleteHandler =
  <Request extends StreamsPb.DeleteReq | StreamsPb.TombstoneReq, Response extends StreamsPb.DeleteResp | StreamsPb.TombstoneResp>(
    context: EmulatorContext,
    hard: boolean,
    respond: (position: { readonly commit: bigint; readonly prepare: bigint }) => Response,
  ): handleUnaryCall<Request, Response> =>
  (call, callback) => {
    context.calls[hard ? "tombstone" : "delete"]++;
    if (context.hanging) {
      holdUnanswered(context, call);
      return;
    }
    const options = call.request.getOptions();
    const expected = options === undefined ? undefined : expectedOf(options);
    if (options === undefined || expected === undefined) {
      callback(invalidArgument(`${hard ? "Tombstone" : "Delete"} requires its options and an expected revision`));
      return;
    }
    const streamName = streamNameOf(options.getStreamIdentifier());
    const reply = replyOf(deleteStream(context.data, streamName, expected, hard), streamName, expected);
    if ("code" in reply) callback(reply);
    else callback(null, respond(reply.position));
  };

/** Streams.Delete: a soft delete. */
export const softDeleteHandler = (context: EmulatorContext): handleUnaryCall<StreamsPb.DeleteReq, StreamsPb.DeleteResp> =>
  deleteHandler(context, false, ({ commit, prepare }) =>
    new streamsPb.DeleteResp().setPosition(
      new streamsPb.DeleteResp.Position().setCommitPosition(commit.toString(10)).setPreparePosition(prepare.toString(10)),
    ),
  );

/** Streams.Tombstone: a hard delete. */
export const tombstoneHandler = (context: EmulatorContext): handleUnaryCall<StreamsPb.TombstoneReq, StreamsPb.TombstoneResp> =>
  deleteHandler(context, true, ({ commit, prepare }) =>
    new streamsPb.TombstoneResp().setPosition(
      new streamsPb.TombstoneResp.Position().setCommitPosition(commit.toString(10)).setPreparePosition(prepare.toString(10)),
    ),
  );
