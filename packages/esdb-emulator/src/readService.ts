import type { handleServerStreamingCall } from "@grpc/grpc-js";
import { holdUnanswered, type EmulatorContext } from "./context.js";
import type { EmulatorData, StoredEvent } from "./data.js";
import { handlerThrew, invalidArgument } from "./errors.js";
import { resolveRecord } from "./links.js";
import { eventMessage, send, streamNotFoundMessage, type ReadCall } from "./messages.js";
import type { StreamsPb } from "./proto.js";
import { firstAtOrAfter, readPlanOf, type ReadPlan } from "./readPlan.js";
import { subscribe } from "./subscription.js";

type StreamPlan = Extract<ReadPlan, { kind: "stream" }>;
type AllPlan = Extract<ReadPlan, { kind: "all" }>;

// Forwards from a revision is inclusive; backwards starts at that revision, or at the last event
// when the revision is past the end.
function* streamEvents(events: readonly StoredEvent[], plan: StreamPlan): Generator<StoredEvent> {
  const last = events.length - 1;
  if (plan.forwards) {
    const from = plan.from === "start" ? 0 : plan.from === "end" ? events.length : plan.from;
    for (let index = Number(from); index <= last; index++) yield events[index] as StoredEvent;
  } else {
    const from = plan.from === "start" ? 0 : plan.from === "end" ? last : Math.min(Number(plan.from), last);
    for (let index = from; index >= 0; index--) yield events[index] as StoredEvent;
  }
}

// Forwards from a position includes an event at that position; backwards yields the events
// strictly before it.
function* allEvents(data: EmulatorData, plan: AllPlan): Generator<StoredEvent> {
  const log = data.all;
  if (plan.forwards) {
    const from = plan.from === "start" ? 0 : plan.from === "end" ? log.length : firstAtOrAfter(data, plan.from);
    for (let index = from; index < log.length; index++) yield log[index] as StoredEvent;
  } else {
    const before = plan.from === "start" ? 0 : plan.from === "end" ? log.length : firstAtOrAfter(data, plan.from);
    for (let index = before - 1; index >= 0; index--) yield log[index] as StoredEvent;
  }
}

const readOnce = async (context: EmulatorContext, call: ReadCall, plan: ReadPlan): Promise<void> => {
  if (plan.kind === "stream" && context.data.lastRevision(plan.streamName) === undefined) {
    await send(call, streamNotFoundMessage(plan.streamName));
    call.end();
    return;
  }
  // Snapshot first: appends made while this read waits on backpressure are not part of it.
  const source = plan.kind === "stream" ? streamEvents(context.data.stream(plan.streamName), plan) : allEvents(context.data, plan);
  const selected: StoredEvent[] = [];
  for (const event of source) {
    if (BigInt(selected.length) >= plan.count) break;
    if (plan.filter === undefined || plan.filter.matches(event)) selected.push(event);
  }
  for (const event of selected) {
    if (!(await send(call, eventMessage(resolveRecord(context.data, event, plan.resolveLinks), plan.structuredIds)))) return;
  }
  call.end();
};

/** Streams.Read: reads of a stream or `$all`, and catch-up subscriptions to either. */
export const readHandler =
  (context: EmulatorContext): handleServerStreamingCall<StreamsPb.ReadReq, StreamsPb.ReadResp> =>
  (call) => {
    context.calls.read++;
    if (context.hanging) {
      holdUnanswered(context, call);
      return;
    }
    let plan: ReadPlan;
    try {
      plan = readPlanOf(call.request);
    } catch (error) {
      call.emit("error", invalidArgument(error instanceof Error ? error.message : String(error)));
      return;
    }
    const done = plan.subscription ? subscribe(context, call, plan) : readOnce(context, call, plan);
    done.catch(() => {
      if (!call.writableEnded) call.emit("error", handlerThrew());
    });
  };
