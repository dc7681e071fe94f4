import { readWholeLog } from "@tenfold/core";
import { withSeal } from "@tenfold/core/adapter";
import { nodePersonalCipher, nodeSha256 } from "@tenfold/core/node";
import { createMemoryKeyStore, withPersonalData } from "@tenfold/core/personal";
import { describePersonalDataContract } from "@tenfold/testing/personal";
import * as E from "fp-ts/lib/Either.js";
import { createUnsealedMemoryEventStore } from "./MemoryEventStore.js";

/*
 * The personal-data acceptance on the memory store: the same layers as createMemoryEventStore
 * (personal data over the seal over the memory log), with the log below the personal layer read
 * as it is held, so that what the store keeps can be searched for markers.
 */
describePersonalDataContract("memory store", () => {
  const held = createUnsealedMemoryEventStore();
  const store = withPersonalData(withSeal(held, nodeSha256), { keys: createMemoryKeyStore(nodePersonalCipher), cipher: nodePersonalCipher, sha256: nodeSha256 });
  const storedBytes = async () => {
    const events = await readWholeLog(held)();
    if (E.isLeft(events)) throw new Error("the memory log cannot be read");
    const text = JSON.stringify(events.right, (_, v: unknown) => (typeof v === "bigint" ? String(v) : v));
    return [{ where: "the memory log", bytes: Buffer.from(text) }, { where: "its events' count", bytes: Buffer.from(String((events.right).length)) }];
  };
  return Promise.resolve({ store, storedBytes, close: () => Promise.resolve() });
});
