import { has, lookupRecord, type Stamped } from "../internal/GrowOnlyIndex.js";
import type { CampaignState, Entities } from "./CampaignState.js";

/** @internal The kinds of entity the decider keeps a record of (the others it only knows by id). */
type RecordKind = { [K in keyof Entities]: Entities[K] extends Map<string, number> ? never : K }[keyof Entities];

type RecordOf<K extends RecordKind> = Entities[K] extends Map<string, infer R extends Stamped> ? R : never;

/** @internal An entity's record as `state` sees it, or undefined. */
export const find = <K extends RecordKind>(state: CampaignState, kind: K, id: string): RecordOf<K> | undefined =>
  lookupRecord(state.lineage.maps[kind] as unknown as Map<string, RecordOf<K>>, state.version, id);

/** @internal Whether `state` knows the entity. */
export const exists = (state: CampaignState, kind: keyof Entities, id: string): boolean =>
  has(state.lineage.maps[kind], state.version, id);
