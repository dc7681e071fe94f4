import type { EventStore } from "@tenfold/core";
import * as E from "fp-ts/lib/Either.js";
import { describeOpenError, openBelowPersonalLayer } from "../PostgresEventStore.js";
import { testServerUrl } from "./testDatabase.js";

/** A sealed store without the personal-data layer, and `close`. */
export type StoreBelowLayer = EventStore & { readonly close: () => Promise<void> };

/**
 * The sealed store of `schema` on the test run's server, opened as createPostgresEventStore opens it
 * but without the personal-data layer (what the layer appends to and reads from: `personal` as the
 * events table keeps it); a failure to open fails the test.
 */
export const openBelowLayer = async (schema: string, url = testServerUrl()): Promise<StoreBelowLayer> => {
  const opened = await openBelowPersonalLayer.postgres({ connectionString: url }, { schema })();
  if (E.isLeft(opened)) throw new Error(describeOpenError(opened.left));
  return opened.right;
};
