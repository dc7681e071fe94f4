import { createRequire } from "node:module";
import type * as CodePb from "@eventstore/db-client/generated/code_pb.js";
import type * as FeaturesGrpc from "@eventstore/db-client/generated/serverfeatures_grpc_pb.js";
import type * as FeaturesPb from "@eventstore/db-client/generated/serverfeatures_pb.js";
import type * as SharedPb from "@eventstore/db-client/generated/shared_pb.js";
import type * as StatusPb from "@eventstore/db-client/generated/status_pb.js";
import type * as StreamsGrpc from "@eventstore/db-client/generated/streams_grpc_pb.js";
import type * as StreamsPb from "@eventstore/db-client/generated/streams_pb.js";

/*
 * The generated protobuf and gRPC modules are CommonJS files inside the client package. They are
 * required from that package's own location, so the emulator and the client share the very same
 * module instances (same classes, same google-protobuf runtime). That is not a convenience: the
 * generated code of both packages defines its messages in one global namespace (`proto.event_store…`),
 * so a second set loaded into a process replaces the first's classes and breaks whoever uses the
 * first. One process therefore serves one client package's protocol, chosen when the first emulator
 * starts; the bindings below are filled in then.
 */

/** The client packages whose generated protocol code the emulator can serve with. */
export type ClientPackage = "@kurrent/kurrentdb-client" | "@eventstore/db-client";

/** Where each package keeps its generated v1 protocol modules. */
const GENERATED_DIR: Readonly<Record<ClientPackage, string>> = {
  "@kurrent/kurrentdb-client": "../generated/kurrentdb/protocols/v1/",
  "@eventstore/db-client": "../generated/",
};

const here = createRequire(import.meta.url);

/** The `google.protobuf.Any` message as the generated code types it. */
export type AnyMessage = NonNullable<ReturnType<StatusPb.Status["getDetails"]>>;
/** The `google.protobuf.Empty` message (BatchAppend uses it, not the client's own Empty). */
export type GoogleEmpty = NonNullable<ReturnType<StreamsPb.BatchAppendResp["getNoStream"]>>;

/** Generated `streams.proto` messages. */
export let streamsPb: typeof StreamsPb;
/** Generated `shared.proto` messages. */
export let sharedPb: typeof SharedPb;
/** Generated `status.proto` (google.rpc.Status) message. */
export let statusPb: typeof StatusPb;
/** Generated `code.proto` (google.rpc.Code) enum. */
export let codePb: typeof CodePb;
/** Generated `serverfeatures.proto` messages. */
export let featuresPb: typeof FeaturesPb;
/** Generated Streams service definition. */
export let streamsGrpc: typeof StreamsGrpc;
/** Generated ServerFeatures service definition. */
export let featuresGrpc: typeof FeaturesGrpc;
/** `google.protobuf.Any`, from the client's own google-protobuf. */
export let anyPb: { Any: new () => AnyMessage };
/** `google.protobuf.Empty`, from the client's own google-protobuf. */
export let googleEmptyPb: { Empty: new () => GoogleEmpty };

let loaded: ClientPackage | undefined;

/** Whether a package's main module is already loaded in this process (a test imported its client). */
const isLoaded = (name: ClientPackage): boolean => {
  try {
    return here.cache[here.resolve(name)] !== undefined;
  } catch {
    return false;
  }
};

const isInstalled = (name: ClientPackage): boolean => {
  try {
    here.resolve(name);
    return true;
  } catch {
    return false;
  }
};

/** The package to serve with when none is asked for: the one this process already loaded, else KurrentDB's. */
export const defaultClientPackage = (): ClientPackage => {
  if (loaded !== undefined) return loaded;
  const already = (["@kurrent/kurrentdb-client", "@eventstore/db-client"] as const).find(isLoaded);
  return already ?? (isInstalled("@kurrent/kurrentdb-client") ? "@kurrent/kurrentdb-client" : "@eventstore/db-client");
};

/**
 * Loads the generated protocol of `name` into the bindings above, once per process. Asking for the
 * other package afterwards is a programmer error: its classes would replace these in the global namespace.
 */
export const loadProtocol = (name: ClientPackage): void => {
  if (loaded === name) return;
  if (loaded !== undefined) {
    throw new Error(`this process already serves the protocol of ${loaded}; ${name} needs a process of its own (their generated code shares one namespace)`);
  }
  const clientRequire = createRequire(here.resolve(name));
  const generated = (file: string): unknown => clientRequire(`${GENERATED_DIR[name]}${file}`);
  streamsPb = generated("streams_pb.js") as typeof StreamsPb;
  sharedPb = generated("shared_pb.js") as typeof SharedPb;
  statusPb = generated("status_pb.js") as typeof StatusPb;
  codePb = generated("code_pb.js") as typeof CodePb;
  featuresPb = generated("serverfeatures_pb.js") as typeof FeaturesPb;
  streamsGrpc = generated("streams_grpc_pb.js") as typeof StreamsGrpc;
  featuresGrpc = generated("serverfeatures_grpc_pb.js") as typeof FeaturesGrpc;
  anyPb = clientRequire("google-protobuf/google/protobuf/any_pb.js") as { Any: new () => AnyMessage };
  googleEmptyPb = clientRequire("google-protobuf/google/protobuf/empty_pb.js") as { Empty: new () => GoogleEmpty };
  loaded = name;
};

/** The package whose protocol this process serves, once an emulator started. */
export const servedClientPackage = (): ClientPackage | undefined => loaded;

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
