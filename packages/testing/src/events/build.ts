import type { Count, Day, EventData, EventOf, EventType, Fen, Id, Text } from "@tenfold/core";

/** A field's type with the brands of Id, Text, Day, Count and Fen loosened to plain strings and numbers. */
export type Plain<V> = V extends Id | Text | Day ? string : V extends Count | Fen ? number : V extends ReadonlyArray<infer A> ? ReadonlyArray<Plain<A>> : V;

/** An event's data as plain JSON-like values: the brands of Id, Text, Day, Count and Fen loosened. */
export type PlainData<T extends EventType> = { readonly [K in keyof EventData<T>]: Plain<EventData<T>[K]> };

/**
 * @internal Builds an event from data the caller has made valid by construction (the package's
 * own properties check that every event built so is accepted).
 */
export const event = <T extends EventType>(type: T, data: PlainData<T>): EventOf<T> => ({ type, data }) as unknown as EventOf<T>;
