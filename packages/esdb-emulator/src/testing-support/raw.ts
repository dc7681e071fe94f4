import { createRequire } from "node:module";
import { credentials, type ClientDuplexStream } from "@grpc/grpc-js";
import { googleEmptyPb, sharedPb, streamsGrpc, streamsPb, type StreamsPb } from "../proto.js";
import { writeUuid } from "../uuid.js";
import { WAIT_LIMIT_MS } from "./waiting.js";

/*
 * A BatchAppend call made by hand with the generated code of whichever client package the
 * emulator serves in this process: for what the Node clients never send (a batch without its final
 * chunk, the relative deadline of field 7).
 */

/** google.protobuf.Timestamp, as the generated options take it. */
export type Timestamp = NonNullable<Parameters<StreamsPb.BatchAppendReq.Options["setDeadline"]>[0]>;

/** google.protobuf.Duration (only KurrentDB's generated options have a field for it). */
export interface Duration {
  setSeconds(value: number): Duration;
  setNanos(value: number): Duration;
}

const require = createRequire(import.meta.url);
const { Timestamp: TimestampClass } = require("google-protobuf/google/protobuf/timestamp_pb.js") as { Timestamp: { fromDate(date: Date): Timestamp } };
const { Duration: DurationClass } = require("google-protobuf/google/protobuf/duration_pb.js") as { Duration: new () => Duration };

/** A google.protobuf.Timestamp at `ms` since the Unix epoch. */
export const timestampAt = (ms: number): Timestamp => TimestampClass.fromDate(new Date(ms));

/** A google.protobuf.Duration of `ms`. */
export const durationOf = (ms: number): Duration =>
  new DurationClass().setSeconds(Math.floor(ms / 1_000)).setNanos((ms % 1_000) * 1_000_000);

/** An open BatchAppend call and the responses it received. */
export interface RawBatchAppend {
  readonly call: ClientDuplexStream<StreamsPb.BatchAppendReq, StreamsPb.BatchAppendResp>;
  readonly responses: StreamsPb.BatchAppendResp[];
  /** Resolves with the next response (rejects after WAIT_LIMIT_MS). */
  next(): Promise<StreamsPb.BatchAppendResp>;
  close(): void;
}

/** Opens a BatchAppend call on the emulator at `port`. */
export const openBatchAppend = (port: number): RawBatchAppend => {
  const client = new streamsGrpc.StreamsClient(`127.0.0.1:${port}`, credentials.createInsecure());
  const call = client.batchAppend();
  const responses: StreamsPb.BatchAppendResp[] = [];
  let seen = 0;
  const waiters = new Set<() => void>();
  call.on("data", (response: StreamsPb.BatchAppendResp) => {
    responses.push(response);
    for (const waiter of [...waiters]) waiter();
  });
  call.on("error", () => undefined);
  const next = (): Promise<StreamsPb.BatchAppendResp> =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error("no BatchAppend response"));
      }, WAIT_LIMIT_MS);
      const check = (): void => {
        const response = responses[seen];
        if (response === undefined) return;
        seen++;
        clearTimeout(timer);
        waiters.delete(check);
        resolve(response);
      };
      waiters.add(check);
      check();
    });
  return {
    call,
    responses,
    next,
    close: () => {
      call.cancel();
      client.close();
    },
  };
};

/** A batch chunk: the correlation id, the options when given, JSON events of these types, and is_final. */
export const chunk = (
  correlationId: string,
  options: StreamsPb.BatchAppendReq.Options | undefined,
  types: readonly string[],
  isFinal: boolean,
): StreamsPb.BatchAppendReq => {
  const request = new streamsPb.BatchAppendReq().setCorrelationId(writeUuid(correlationId, false)).setIsFinal(isFinal);
  if (options !== undefined) request.setOptions(options);
  for (const type of types) {
    const message = new streamsPb.BatchAppendReq.ProposedMessage().setId(writeUuid(crypto.randomUUID(), false)).setData(Buffer.from("{}"));
    message.getMetadataMap().set("type", type).set("content-type", "application/json");
    request.addProposedMessages(message);
  }
  return request;
};

/** BatchAppend options for a stream under `any`, with no deadline set. */
export const batchOptions = (streamName: string): StreamsPb.BatchAppendReq.Options =>
  new streamsPb.BatchAppendReq.Options()
    .setStreamIdentifier(new sharedPb.StreamIdentifier().setStreamName(Buffer.from(streamName)))
    .setAny(new googleEmptyPb.Empty());
