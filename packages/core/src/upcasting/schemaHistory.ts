import { SCHEMA_VERSION } from "../store/RecordedEvent.js";
import { type Upcaster, upcasterRegistry, type UpcasterRegistry } from "./Upcaster.js";

/**
 * Version 0 → 1, VisitConducted: version 0 had no `photos`; a visit read from it took none
 * (`photos: 0`). A version-0 line that already names `photos` keeps it, for the codec to judge.
 * @example
 * visitPhotosUpcaster.upcast({ campaignId: "c", visitId: "v1", …, peopleMet: 3, occurredOn: "2013-03-10" })
 * // { type: "VisitConducted", data: { …, peopleMet: 3, occurredOn: "2013-03-10", photos: 0 } }
 */
export const visitPhotosUpcaster: Upcaster = {
  type: "VisitConducted",
  fromVersion: 0,
  upcast: (data) => ({ type: "VisitConducted", data: "photos" in data ? data : { ...data, photos: 0 } }),
};

/** The oldest schema version Tenfold reads. */
export const OLDEST_SCHEMA_VERSION = 0;

/** Every schema change Tenfold knows, from version 0 to the current {@link SCHEMA_VERSION}. */
export const TENFOLD_UPCASTERS: UpcasterRegistry = upcasterRegistry({ oldestVersion: OLDEST_SCHEMA_VERSION, currentVersion: SCHEMA_VERSION }, [
  visitPhotosUpcaster,
]);
