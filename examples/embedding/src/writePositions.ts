/** The last position this process wrote to each campaign, so reads can wait for their own writes. */
export interface WritePositions {
  readonly wrote: (campaignId: string, position: bigint) => void;
  /** The last position written to the campaign by this process; null if none. */
  readonly last: (campaignId: string) => bigint | null;
}

/** An empty record of write positions. */
export const createWritePositions = (): WritePositions => {
  const positions = new Map<string, bigint>();
  return {
    wrote: (campaignId, position) => {
      const known = positions.get(campaignId);
      if (known === undefined || position > known) positions.set(campaignId, position);
    },
    last: (campaignId) => positions.get(campaignId) ?? null,
  };
};
