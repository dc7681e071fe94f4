import { describeStoreError, type LiveProjection } from "@tenfold/core";
import type { ServiceSettings } from "../tokens.js";
import type { WritePositions } from "../writePositions.js";
import { type Reply, problem } from "./respond.js";

const RETRY = { "retry-after": "1" };

/** Resolves with "timeout" when the signal aborts. */
const timeout = (signal: AbortSignal): Promise<"timeout"> =>
  new Promise((resolve) => signal.addEventListener("abort", () => resolve("timeout"), { once: true }));

/**
 * Waits, at most the read timeout, until a live read model can answer for a campaign now: caught
 * up, not failed or stopped, and past this process's writes to the campaign. Null when it can;
 * otherwise the 503 (`unavailable` is its error) to send.
 */
export const awaitCurrent = async <S>(
  live: LiveProjection<S>,
  writes: WritePositions,
  settings: ServiceSettings,
  campaignId: string,
  unavailable: string,
): Promise<Reply | null> => {
  const signal = AbortSignal.timeout(settings.readTimeoutMs);
  const caughtUp = await Promise.race([live.caughtUp, timeout(signal)]);
  if (caughtUp === "timeout") return problem(503, unavailable, { message: "the read model is still catching up" }, RETRY);
  const status = live.status();
  if (status._tag === "Failed") return problem(503, unavailable, { message: describeStoreError(status.error) });
  if (status._tag === "Stopped") return problem(503, unavailable, { message: "the service is shutting down" });
  const written = writes.last(campaignId);
  if (written !== null && !(await live.waitUntil(written, signal))) {
    return problem(503, unavailable, { message: "the read model is behind this service's writes" }, RETRY);
  }
  return null;
};
