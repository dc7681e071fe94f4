import type { CampaignState, Entities, EntityRecords } from "./CampaignState.js";

/** @internal An entity's record as `state` sees it, or undefined. */
export const find = <K extends keyof EntityRecords>(state: CampaignState, kind: K, id: string): EntityRecords[K] | undefined =>
  state.lineage.maps[kind].get(state.version, id) as EntityRecords[K] | undefined;

/** @internal Whether `state` knows the entity. */
export const exists = (state: CampaignState, kind: keyof Entities, id: string): boolean => state.lineage.maps[kind].has(state.version, id);
