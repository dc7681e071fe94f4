import type { SubscriptionMessage } from "@tenfold/core";

/** Pulls messages until `until` holds of the ones seen so far (or the subscription ends). */
export const take = async (iterator: AsyncIterator<SubscriptionMessage>, until: (seen: SubscriptionMessage[]) => boolean): Promise<SubscriptionMessage[]> => {
  const seen: SubscriptionMessage[] = [];
  while (!until(seen)) {
    const next = await iterator.next();
    if (next.done === true) break;
    seen.push(next.value);
  }
  return seen;
};
