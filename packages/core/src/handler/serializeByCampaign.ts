import type { CommandHandler } from "./CommandHandler.js";

/**
 * The same handler, running one command per campaign at a time (commands to different campaigns
 * still run concurrently). Within one process, writers to a campaign then never race for its
 * stream, so a burst of commands is not turned into `ConcurrencyRetriesExhausted`; writers in
 * other processes are still kept apart by the store's optimistic concurrency.
 */
export const serializeByCampaign = (handler: CommandHandler): CommandHandler => {
  const tails = new Map<string, Promise<void>>();
  return {
    handle: (command, options) => () => {
      const campaignId: string = command.data.campaignId;
      const previous = tails.get(campaignId) ?? Promise.resolve();
      const result = previous.then(() => handler.handle(command, options)());
      const tail = result.then(
        () => undefined,
        () => undefined,
      );
      tails.set(campaignId, tail);
      void tail.then(() => {
        if (tails.get(campaignId) === tail) tails.delete(campaignId);
      });
      return result;
    },
  };
};
