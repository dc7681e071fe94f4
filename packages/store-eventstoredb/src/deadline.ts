/*
 * A client-side deadline. The client gives reads and batch appends no deadline of its own
 * (it passes `deadline: Infinity` to gRPC), so a hung server would hang them forever.
 */

/** @internal What {@link withDeadline} settled with: the work's value, or that time ran out. */
export type Deadlined<A> = { readonly _tag: "Done"; readonly value: A } | { readonly _tag: "TimedOut" };

/**
 * @internal Settles with the work's value, or TimedOut after `ms` milliseconds (then calls
 * `onTimeout`, e.g. to cancel a read). A rejection of the work rejects, unless time ran out first.
 */
export const withDeadline = <A>(work: Promise<A>, ms: number, onTimeout: () => void = () => undefined): Promise<Deadlined<A>> =>
  new Promise((resolve, reject) => {
    let settled = false;
    const timer = setTimeout(() => {
      if (settled) return;
      settled = true;
      resolve({ _tag: "TimedOut" });
      onTimeout();
    }, ms);
    work.then(
      (value) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve({ _tag: "Done", value });
      },
      (error: unknown) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
