import { createRequire } from "node:module";
import type * as CodePb from "@eventstore/db-client/generated/code_pb.js";
import type * as FeaturesGrpc from "@eventstore/db-client/generated/serverfeatures_grpc_pb.js";
import type * as FeaturesPb from "@eventstore/db-client/generated/serverfeatures_pb.js";
import type * as SharedPb from "@eventstore/db-client/generated/shared_pb.js";
import type * as StatusPb from "@eventstore/db-client/generated/status_pb.js";
import type * as StreamsGrpc from "@eventstore/db-client/generated/streams_grpc_pb.js";
import type * as StreamsPb from "@eventstore/db-client/generated/streams_pb.js";

// The generated protobuf and gRPC modules are CommonJS files inside @eventstore/db-client. They
// are required from that package's own location, so the emulator and the client share the very
// same module instances (same classes, same google-protobuf runtime).
const clientRequire = createRequire(createRequire(import.meta.url).resolve("@eventstore/db-client"));

const generated = (file: string): unknown => clientRequire(`../generated/${file}`);

/** The `google.protobuf.Any` message as the generated code types it. */
export type AnyMessage = NonNullable<ReturnType<StatusPb.Status["getDetails"]>>;
/** The `google.protobuf.Empty` message (BatchAppend uses it, not the client's own Empty). */
export type GoogleEmpty = NonNullable<ReturnType<StreamsPb.BatchAppendResp["getNoStream"]>>;

/** Generated `streams.proto` messages. */
export const streamsPb = generated("streams_pb.js") as typeof StreamsPb;
/** Generated `shared.proto` messages. */
export const sharedPb = generated("shared_pb.js") as typeof SharedPb;
/** Generated `status.proto` (google.rpc.Status) message. */
export const statusPb = generated("status_pb.js") as typeof StatusPb;
/** Generated `code.proto` (google.rpc.Code) enum. */
export const codePb = generated("code_pb.js") as typeof CodePb;
/** Generated `serverfeatures.proto` messages. */
export const featuresPb = generated("serverfeatures_pb.js") as typeof FeaturesPb;
/** Generated Streams service definition. */
export const streamsGrpc = generated("streams_grpc_pb.js") as typeof StreamsGrpc;
/** Generated ServerFeatures service definition. */
export const featuresGrpc = generated("serverfeatures_grpc_pb.js") as typeof FeaturesGrpc;
/** `google.protobuf.Any`, from the client's own google-protobuf. */
export const anyPb = clientRequire("google-protobuf/google/protobuf/any_pb.js") as { Any: new () => AnyMessage };
/** `google.protobuf.Empty`, from the client's own google-protobuf. */
export const googleEmptyPb = clientRequire("google-protobuf/google/protobuf/empty_pb.js") as { Empty: new () => GoogleEmpty };

export type { CodePb, FeaturesPb, SharedPb, StatusPb, StreamsGrpc, StreamsPb };

/** Reads a StreamIdentifier's UTF-8 name. */
export const streamNameOf = (identifier: SharedPb.StreamIdentifier | undefined): string =>
  identifier === undefined ? "" : Buffer.from(identifier.getStreamName_asU8()).toString("utf8");

/** Builds a StreamIdentifier from a stream name. */
export const streamIdentifier = (name: string): SharedPb.StreamIdentifier => {
  const identifier = new sharedPb.StreamIdentifier();
  identifier.setStreamName(Uint8Array.from(Buffer.from(name, "utf8")));
  return identifier;
};

/** Packs a message into `google.protobuf.Any` under its full protobuf type name. */
export const packAny = (message: { serializeBinary(): Uint8Array }, typeName: string): AnyMessage => {
  const any = new anyPb.Any();
  any.pack(message.serializeBinary(), typeName);
  return any;
};
