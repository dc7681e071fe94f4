import type { handleServerStreamingCall } from "@grpc/grpc-js";
import { holdUnanswered, type EmulatorContext } from "./context.js";
import type { EmulatorData, StoredEvent } from "./data.js";
import { handlerThrew, invalidArgument, streamDeleted } from "./errors.js";
import { resolveRecord } from "./links.js";
import { eventMessage, send, streamNotFoundMessage, type ReadCall } from "./messages.js";
import type { StreamsPb } from "./proto.js";
import { firstAtOrAfter, readPlanOf, type ReadPlan } from "./readPlan.js";
import { readVisibleEvent, viewOf } from "./streamState.js";
import { subscribe } from "./subscription.js";

type StreamPlan = Extract<ReadPlan, { kind: "stream" }>;
type AllPlan = Extract<ReadPlan, { kind: "all" }>;

// Forwards from a revision is inclusive; backwards starts at that revision, or at the last event
// when the revision is past the end. Revisions before `from` (the stream's `$tb`) are not read.
function* streamEvents(events: readonly StoredEvent[], from: number, plan: StreamPlan): Generator<StoredEvent> {
  const last = events.length - 1;
  if (plan.forwards) {
    const start = plan.from === "start" ? 0 : plan.from === "end" ? events.length : Number(plan.from);
    for (let index = Math.max(start, from); index <= last; index++) yield events[index] as StoredEvent;
  } else {
    const start = plan.from === "start" ? 0 : plan.from === "end" ? last : Math.min(Number(plan.from), last);
    for (let index = start; index >= from; index--) yield events[index] as StoredEvent;
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

type Source =
  | { readonly kind: "events"; readonly events: Iterable<StoredEvent> }
  | { readonly kind: "deleted"; readonly streamName: string }
  | { readonly kind: "not-found"; readonly streamName: string };

// A stream read: a tombstoned stream fails as deleted, a missing or soft-deleted one answers stream_not_found.
const sourceOf = (context: EmulatorContext, plan: ReadPlan): Source => {
  if (plan.kind === "all") return { kind: "events", events: allEvents(context.data, plan) };
  const view = viewOf(context.data, plan.streamName);
  switch (view.kind) {
    case "found":
      return { kind: "events", events: streamEvents(view.events, view.from, plan) };
    case "deleted":
    case "not-found":
      return { kind: view.kind, streamName: plan.streamName };
  }
};

const readOnce = async (context: EmulatorContext, call: ReadCall, plan: ReadPlan): Promise<void> => {
  // Snapshot first: appends made while this read waits on backpressure are not part of it.
  const source = sourceOf(context, plan);
  if (source.kind === "deleted") {
    call.emit("error", streamDeleted(source.streamName));
    return;
  }
  if (source.kind === "not-found") {
    await send(call, streamNotFoundMessage(source.streamName));
    call.end();
    return;
  }
  const selected: StoredEvent[] = [];
  for (const event of source.events) {
    if (BigInt(selected.length) >= plan.count) break;
    if (plan.filter === undefined || plan.filter.matches(event)) selected.push(event);
  }
  for (const event of selected) {
    if (!(await send(call, eventMessage(resolveRecord(context.data, event, plan.resolveLinks, readVisibleEvent), plan.structuredIds)))) return;
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
