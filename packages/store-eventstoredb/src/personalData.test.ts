import { describePersonalDataContract } from "@tenfold/testing/personal";
import { createPostgresKeyStore, describeKeyStoreOpenError } from "@tenfold/store-postgres";
import { inject } from "vitest";
import * as E from "fp-ts/lib/Either.js";
import { emulated } from "./testing-support/emulated.js";

/*
 * The personal-data acceptance on the EventStoreDB emulator through the real client, with the keys
 * in PostgreSQL (EventStoreDB holds none): every byte the emulator stored (data and metadata of each
 * event, system events included) is searched for markers.
 */
describePersonalDataContract("EventStoreDB emulator (its stored events), keys in PostgreSQL", async () => {
  const env = await emulated(true);
  const schema = `esdb_keys_${globalThis.crypto.randomUUID().replace(/-/g, "").slice(0, 12)}`;
  const keys = await createPostgresKeyStore({ connectionString: inject("tenfoldPgUrl") }, { schema })();
  if (E.isLeft(keys)) throw new Error(describeKeyStoreOpenError(keys.left));
  const store = env.store({ keys: keys.right });
  const storedBytes = () =>
    Promise.resolve(
      env.emulator.data.all.flatMap((stored, i) => [
        { where: `stored event ${i} (${stored.streamName}) data`, bytes: stored.data },
        { where: `stored event ${i} (${stored.streamName}) metadata`, bytes: stored.metadata },
      ]),
    );
  return {
    store,
    storedBytes,
    close: async () => {
      await keys.right.close();
      await env.dispose();
    },
  };
});
