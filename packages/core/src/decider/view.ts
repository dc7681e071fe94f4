import { has, lookup } from "../internal/GrowOnlyIndex.js";
import type { CampaignState, Entities } from "./CampaignState.js";

type ValueOf<K extends keyof Entities> = Entities[K] extends Map<string, { readonly value: infer V }> ? V : never;

/** @internal An entity as `state` sees it, or undefined. */
export const find = <K extends keyof Entities>(state: CampaignState, kind: K, id: string): ValueOf<K> | undefined =>
  lookup(state.lineage.maps[kind] as Map<string, { since: number; value: ValueOf<K> }>, state.version, id);

/** @internal Whether `state` knows the entity. */
export const exists = (state: CampaignState, kind: keyof Entities, id: string): boolean =>
  has(state.lineage.maps[kind], state.version, id);
