import { randomUUID } from "node:crypto";
import type { EmulatorContext } from "./context.js";
import type { StoredEvent } from "./data.js";
import { streamDeleted } from "./errors.js";
import { resolveRecord } from "./links.js";
import { caughtUpMessage, checkpointMessage, confirmationMessage, eventMessage, send, type ReadCall } from "./messages.js";
import { firstAfter, type ReadPlan } from "./readPlan.js";
import { readVisibleEvent, visibleFrom } from "./streamState.js";

/** A cursor over the log: the next event after the subscription's checkpoint, or undefined at the head. */
type Cursor = () => StoredEvent | undefined;

// Subscriptions start *after* their checkpoint: a revision or position names the last event the
// subscriber has seen; `end` means the head at the time of subscribing.
const cursorOf = (context: EmulatorContext, plan: ReadPlan): Cursor => {
  const { data } = context;
  if (plan.kind === "stream") {
    const { streamName, from } = plan;
    let next = from === "start" ? 0 : from === "end" ? Number(data.lastRevision(streamName) ?? -1n) + 1 : Number(from) + 1;
    // Events before the stream's `$tb` are never delivered; nothing is while it is soft-deleted,
    // and a recreated stream's new events (from its new `$tb` on) are. Once tombstoned, the events
    // written before the tombstone are still delivered, then the tombstone (see below).
    return () => {
      if (data.tombstoneOf(streamName) === undefined) {
        const visible = visibleFrom(data, streamName);
        if (visible === undefined) return undefined;
        next = Math.max(next, visible);
      }
      const event = data.stream(streamName)[next];
      if (event !== undefined) next++;
      return event;
    };
  }
  const { from } = plan;
  let next = from === "start" ? 0 : from === "end" ? data.all.length : firstAfter(data, from);
  return () => {
    const event = data.all[next];
    if (event !== undefined) next++;
    return event;
  };
};

// The position a filtered subscription could checkpoint at before it has considered any event.
const initialCheckpoint = (context: EmulatorContext, plan: ReadPlan): bigint | undefined => {
  if (plan.kind === "stream" || plan.from === "start") return undefined;
  return plan.from === "end" ? context.data.all.at(-1)?.position : plan.from.commit;
};

/**
 * A catch-up subscription: confirmation, the stored events after the checkpoint, `caught_up` when
 * it first reaches the head, then live events as they are appended. A filtered `$all`
 * subscription also sends a checkpoint every `checkpointInterval` events it considers and one just
 * before `caught_up`, as the server does.
 */
export const subscribe = async (context: EmulatorContext, call: ReadCall, plan: ReadPlan): Promise<void> => {
  const life = { closed: false };
  let wake: (() => void) | undefined;
  const rouse = (): void => {
    const resolve = wake;
    wake = undefined;
    resolve?.();
  };
  const unwatch = context.data.watch(rouse);
  const close = (): void => {
    life.closed = true;
    unwatch();
    context.releases.delete(close);
    rouse();
  };
  context.releases.add(close);
  call.on("cancelled", close);
  call.on("error", close);

  const next = cursorOf(context, plan);
  const { filter } = plan;
  let checkpoint = initialCheckpoint(context, plan);
  let considered = 0;
  let caughtUp = false;
  try {
    if (!(await send(call, confirmationMessage(randomUUID())))) return;
    // The catch-up read of a stream tombstoned already fails at once (after the confirmation).
    if (plan.kind === "stream" && context.data.tombstoneOf(plan.streamName) !== undefined) {
      call.emit("error", streamDeleted(plan.streamName));
      return;
    }
    while (!life.closed) {
      const event = next();
      const tombstone = plan.kind === "stream" ? context.data.tombstoneOf(plan.streamName) : undefined;
      if (event === undefined && tombstone !== undefined) {
        // Tombstoned while subscribed: the subscriber gets the tombstone, then the call fails.
        if (!(await send(call, eventMessage(resolveRecord(context.data, tombstone, false), plan.structuredIds)))) return;
        call.emit("error", streamDeleted(tombstone.streamName));
        return;
      }
      if (event === undefined) {
        if (caughtUp) {
          await new Promise<void>((resolve) => {
            wake = resolve;
          });
          continue;
        }
        caughtUp = true;
        if (filter !== undefined && checkpoint !== undefined && !(await send(call, checkpointMessage(checkpoint)))) return;
        if (!(await send(call, caughtUpMessage()))) return;
        considered = 0;
        continue;
      }
      checkpoint = event.position;
      considered++;
      const matches = filter === undefined || filter.matches(event);
      if (matches && !(await send(call, eventMessage(resolveRecord(context.data, event, plan.resolveLinks, readVisibleEvent), plan.structuredIds)))) return;
      if (filter !== undefined && considered >= filter.checkpointInterval) {
        considered = 0;
        if (!(await send(call, checkpointMessage(checkpoint)))) return;
      }
    }
  } finally {
    close();
  }
};
