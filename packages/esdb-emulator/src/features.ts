import type { handleUnaryCall } from "@grpc/grpc-js";
import { holdUnanswered, type EmulatorContext } from "./context.js";
import { featuresPb, type FeaturesPb, type SharedPb } from "./proto.js";

/** The server version the emulator reports. */
export const EMULATED_SERVER_VERSION = "23.10.0";

const STREAMS = "event_store.client.streams.streams";
const FEATURES = "event_store.client.server_features.serverfeatures";

// Lower-case service and method names, as the server lists them (the client lower-cases anyway).
const METHODS: readonly (readonly [service: string, method: string, features: readonly string[]])[] = [
  [STREAMS, "read", ["position", "events"]],
  [STREAMS, "append", []],
  [STREAMS, "batchappend", []],
  [STREAMS, "delete", []],
  [STREAMS, "tombstone", []],
  [FEATURES, "getsupportedmethods", []],
];

/** ServerFeatures.GetSupportedMethods: the methods this emulator offers, BatchAppend among them. */
export const supportedMethodsHandler =
  (context: EmulatorContext): handleUnaryCall<SharedPb.Empty, FeaturesPb.SupportedMethods> =>
  (call, callback) => {
    context.calls.getSupportedMethods++;
    if (context.hanging) {
      holdUnanswered(context, call);
      return;
    }
    const methods = METHODS.map(([service, method, features]) =>
      new featuresPb.SupportedMethod().setServiceName(service).setMethodName(method).setFeaturesList([...features]),
    );
    callback(null, new featuresPb.SupportedMethods().setMethodsList(methods).setEventStoreServerVersion(EMULATED_SERVER_VERSION));
  };
