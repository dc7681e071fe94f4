import type { StreamsPb } from "./proto.js";

/** The server's write timeout (`WriteTimeoutMs`, 2 s by default): no batch waits longer for its last chunk. */
export const WRITE_TIMEOUT_MS = 2_000;

/** A google.protobuf Timestamp or Duration, read as seconds and nanoseconds. */
interface SecondsAndNanos {
  getSeconds(): number;
  getNanos(): number;
}

/*
 * BatchAppendReq.Options carries the client's deadline in a oneof: the absolute Timestamp of field 6
 * (what both Node clients send) or, in newer protocol files, the relative Duration of field 7. The
 * two client packages generate different accessors: EventStoreDB's names field 6 `deadline` and has
 * no field 7 (a field 7 sent to it is dropped as unknown); KurrentDB's names field 6
 * `deadline_21_10_0` and field 7 `deadline`.
 */
interface DeadlineFields {
  /** KurrentDB's generated code only: field 6, the absolute Timestamp. */
  readonly getDeadline21100?: () => SecondsAndNanos | undefined;
  /** Field 6 (a Timestamp) in EventStoreDB's generated code, field 7 (a Duration) in KurrentDB's. */
  getDeadline(): SecondsAndNanos | undefined;
}

const millisecondsOf = (value: SecondsAndNanos): number => value.getSeconds() * 1_000 + value.getNanos() / 1_000_000;

// The server's GetRequestedTimeout: the Duration when field 7 is set, else the Timestamp less now,
// else unbounded.
const requestedMs = (options: StreamsPb.BatchAppendReq.Options, now: number): number => {
  const fields = options as unknown as DeadlineFields;
  const timestampOf = (timestamp: SecondsAndNanos | undefined): number =>
    timestamp === undefined ? Number.POSITIVE_INFINITY : millisecondsOf(timestamp) - now;
  if (fields.getDeadline21100 === undefined) return timestampOf(fields.getDeadline());
  const duration = fields.getDeadline();
  return duration === undefined ? timestampOf(fields.getDeadline21100()) : millisecondsOf(duration);
};

/**
 * How long the server waits for a batch's final chunk, from its first: min(requested deadline,
 * write timeout). Zero or less means the deadline has passed, and the batch is answered Timeout at once.
 */
export const batchTimeoutMs = (options: StreamsPb.BatchAppendReq.Options, now: number = Date.now()): number =>
  Math.min(requestedMs(options, now), WRITE_TIMEOUT_MS);
