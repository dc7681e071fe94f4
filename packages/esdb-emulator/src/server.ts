import { Server, ServerCredentials } from "@grpc/grpc-js";
import { createServer, type Server as NetServer, type Socket } from "node:net";
import { appendHandler } from "./appendService.js";
import { batchAppendHandler } from "./batchAppendService.js";
import { createContext, type EmulatorContext, type EmulatorMethod } from "./context.js";
import { EmulatorData } from "./data.js";
import { softDeleteHandler, tombstoneHandler } from "./deleteService.js";
import { supportedMethodsHandler } from "./features.js";
import { type ClientPackage, defaultClientPackage, featuresGrpc, loadProtocol, streamsGrpc, type StreamsGrpc } from "./proto.js";
import { readHandler } from "./readService.js";
import { startStats, writeStartup } from "./systemEvents.js";

/** How to start an emulator. */
export interface EmulatorOptions {
  /** Port to listen on (default 0: any free port). */
  readonly port?: number;
  /** Host to listen on (default 127.0.0.1). */
  readonly host?: string;
  /** Offer BatchAppend and ServerFeatures (default true); false models a server older than 21.10. */
  readonly batchAppend?: boolean;
  /**
   * The largest append accepted, in bytes (default 1,048,576, the server's `MaxAppendSize`),
   * counted as the newest servers do: data + metadata + 2 × event-type length, summed over the events.
   */
  readonly maxAppendSize?: number;
  /**
   * Write the system events a fresh node writes as it starts (default true): `$epoch-information`
   * (again at every start, as an election does) and the default users `admin` and `ops`.
   */
  readonly systemEvents?: boolean;
  /** When set, a `$statsCollected` event is written to `$stats-127.0.0.1:2113` at this interval (default: never, as on a server since v20). */
  readonly systemEventsEveryMs?: number;
  /** The stored data to serve (default: new, empty); reuse it to model a restart. */
  readonly data?: EmulatorData;
  /**
   * The client package whose generated protocol code the emulator serves with: one per process,
   * since both packages' generated code shares one global namespace (default: the one this
   * process already loaded, else `@kurrent/kurrentdb-client`).
   */
  readonly clientPackage?: ClientPackage;
}

/** A running emulator and its fault hooks. */
export interface RunningEmulator {
  /** `esdb://<host>:<port>?tls=false`, for `EventStoreDBClient.connectionString`. */
  readonly connectionString: string;
  readonly port: number;
  /** The stored streams and log, reusable by another emulator. */
  readonly data: EmulatorData;
  /** How many calls each method received. */
  readonly calls: Readonly<Record<EmulatorMethod, number>>;
  /** Kills the server abruptly: open calls fail with UNAVAILABLE, the port is released. */
  stop(): Promise<void>;
  /** While enabled, calls are accepted and never answered (batch appends time out at their deadline). */
  hang(enabled: boolean): void;
  /** Performs the next append, then fails its call with UNAVAILABLE as if the reply was lost. */
  dropNextAppendReply(): void;
}

const MAX_MESSAGE_BYTES = 32 * 1024 * 1024;
const DEFAULT_MAX_APPEND_SIZE = 1_048_576;
const BIND_ATTEMPTS = 40;
const BIND_RETRY_MS = 25;

const streamsImplementation = (context: EmulatorContext): StreamsGrpc.IStreamsServer => ({
  read: readHandler(context),
  append: appendHandler(context),
  batchAppend: batchAppendHandler(context),
  delete: softDeleteHandler(context),
  tombstone: tombstoneHandler(context),
});

const listen = (listener: NetServer, port: number, host: string): Promise<number> =>
  new Promise((resolve, reject) => {
    const failed = (error: Error): void => {
      listener.off("listening", listening);
      reject(error);
    };
    const listening = (): void => {
      listener.off("error", failed);
      const address = listener.address();
      resolve(typeof address === "object" && address !== null ? address.port : port);
    };
    listener.once("error", failed);
    listener.once("listening", listening);
    listener.listen(port, host);
  });

const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

// A port just released by a stopped emulator (or another process) may take a moment to be free.
const listenWithRetry = async (listener: NetServer, port: number, host: string): Promise<number> => {
  for (let attempt = 1; ; attempt++) {
    try {
      return await listen(listener, port, host);
    } catch (error) {
      if (port === 0 || attempt >= BIND_ATTEMPTS) throw error;
      await delay(BIND_RETRY_MS);
    }
  }
};

/** Starts an in-process EventStoreDB gRPC emulator on loopback. */
export const startEmulator = async (options: EmulatorOptions = {}): Promise<RunningEmulator> => {
  loadProtocol(options.clientPackage ?? defaultClientPackage());
  const host = options.host ?? "127.0.0.1";
  const data = options.data ?? new EmulatorData();
  const context = createContext(data, options.batchAppend ?? true, options.maxAppendSize ?? DEFAULT_MAX_APPEND_SIZE);
  const server = new Server({
    "grpc.max_receive_message_length": MAX_MESSAGE_BYTES,
    "grpc.max_send_message_length": MAX_MESSAGE_BYTES,
  });
  server.addService(streamsGrpc.StreamsService, streamsImplementation(context));
  // Without BatchAppend the emulator plays an older server: no ServerFeatures service at all, so
  // GetSupportedMethods is answered UNIMPLEMENTED and the client falls back to Append.
  if (context.batchAppend) {
    server.addService(featuresGrpc.ServerFeaturesService, { getSupportedMethods: supportedMethodsHandler(context) });
  }
  // The emulator owns the TCP listener and hands each connection to gRPC, so that stopping can
  // drop the connections abruptly (no GOAWAY, no RST_STREAM), as a crashed server would: the
  // client then sees its open calls fail with UNAVAILABLE ("Connection dropped").
  const injector = server.createConnectionInjector(ServerCredentials.createInsecure());
  const sockets = new Set<Socket>();
  const listener = createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => undefined); // a client vanishing is not the emulator's failure
    injector.injectConnection(socket);
  });
  const port = await listenWithRetry(listener, options.port ?? 0, host).catch((error: unknown) => {
    server.forceShutdown();
    throw error;
  });
  // A node writes its epoch (and the default users) as it becomes leader, before it serves anyone.
  writeStartup(data, options.systemEvents ?? true);
  const stopStats = options.systemEventsEveryMs === undefined ? undefined : startStats(data, options.systemEventsEveryMs);
  let stopped: Promise<void> | undefined;
  return {
    connectionString: `esdb://${host}:${port}?tls=false`,
    port,
    data,
    calls: context.calls,
    stop: () => {
      stopped ??= new Promise<void>((resolve) => {
        stopStats?.();
        for (const release of [...context.releases]) release();
        listener.close(() => resolve());
        for (const socket of sockets) socket.destroy();
        server.forceShutdown();
      });
      return stopped;
    },
    hang: (enabled) => {
      context.hanging = enabled;
    },
    dropNextAppendReply: () => {
      context.dropNextAppendReply = true;
    },
  };
};
