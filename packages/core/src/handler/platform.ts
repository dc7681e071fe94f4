/** Tells the time; injected so that recording stays deterministic under test. */
export interface Clock {
  /** The current instant. */
  readonly now: () => Date;
}

/** Makes event ids; injected so that ids stay deterministic under test. */
export interface IdGenerator {
  /** A new, unique event id (a UUID by default). */
  readonly eventId: () => string;
}

/** The system clock. */
export const systemClock: Clock = { now: () => new Date() };

/** Random version-4 UUIDs from the platform's Web Crypto. */
export const randomIds: IdGenerator = { eventId: () => globalThis.crypto.randomUUID() };

/** A clock that starts at `start` and moves `stepMs` forward on every reading: for tests and demos. */
export const steppingClock = (start: Date, stepMs = 1000): Clock => {
  let t = start.getTime() - stepMs;
  return {
    now: () => {
      t += stepMs;
      return new Date(t);
    },
  };
};

/** UUID-shaped ids counting up from 1 (`00000000-0000-4000-8000-000000000001`, …): for tests and demos. */
export const sequentialIds = (): IdGenerator => {
  let n = 0;
  return { eventId: () => `00000000-0000-4000-8000-${(++n).toString(16).padStart(12, "0")}` };
};
