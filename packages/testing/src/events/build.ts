import type { EventInput, EventOf, EventType } from "@tenfold/core";

/**
 * @internal Builds an event from data the caller has made valid by construction (the package's
 * own properties check that every event built so is accepted).
 */
export const event = <T extends EventType>(type: T, data: EventInput<T>["data"]): EventOf<T> => ({ type, data }) as unknown as EventOf<T>;
