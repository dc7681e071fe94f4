import type { EmulatorData } from "./data.js";

/** The gRPC methods the emulator counts calls of. */
export type EmulatorMethod = "read" | "append" | "batchAppend" | "delete" | "tombstone" | "getSupportedMethods";

/** State shared by one running emulator's handlers. */
export interface EmulatorContext {
  readonly data: EmulatorData;
  readonly batchAppend: boolean;
  /** The largest append in bytes, counted as `sizeOnDisk` sums it over the events. */
  readonly maxAppendSize: number;
  /** While true, calls are accepted and never answered. */
  hanging: boolean;
  /** When true, the next append is performed and its reply dropped. */
  dropNextAppendReply: boolean;
  readonly calls: Record<EmulatorMethod, number>;
  /** Releases held by open calls (subscriptions, hung calls), run when the emulator stops. */
  readonly releases: Set<() => void>;
}

/** A fresh context over the given data. */
export const createContext = (data: EmulatorData, batchAppend: boolean, maxAppendSize: number): EmulatorContext => ({
  data,
  batchAppend,
  maxAppendSize,
  hanging: false,
  dropNextAppendReply: false,
  calls: { read: 0, append: 0, batchAppend: 0, delete: 0, tombstone: 0, getSupportedMethods: 0 },
  releases: new Set(),
});

/** Consumes the drop-next-append-reply fault: true once after it was armed. */
export const takeDroppedReply = (context: EmulatorContext): boolean => {
  const drop = context.dropNextAppendReply;
  context.dropNextAppendReply = false;
  return drop;
};

/** Holds a call open until it is cancelled or the emulator stops, never answering it. */
export const holdUnanswered = (context: EmulatorContext, call: { on(event: "cancelled", listener: () => void): unknown }): void => {
  const release = (): void => {
    context.releases.delete(release);
  };
  context.releases.add(release);
  call.on("cancelled", release);
};
