import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import { type SubjectKeyStore, type SubjectRef, describeKeyStoreError, subjectRefKey } from "@tenfold/core/personal";
import * as E from "fp-ts/lib/Either.js";
import type * as TE from "fp-ts/lib/TaskEither.js";
import { type CliError, fileError } from "./CliError.js";

/** The subjects a history file records as erased: its SubjectErased lines (a line that cannot be read is left to the command that reads the file). */
const erasedInFile = async (file: string): Promise<ReadonlyArray<SubjectRef>> => {
  const found: SubjectRef[] = [];
  const lines = createInterface({ input: createReadStream(file, { encoding: "utf8" }), crlfDelay: Infinity });
  try {
    for await (const line of lines) {
      if (!line.includes('"SubjectErased"')) continue;
      try {
        const parsed = JSON.parse(line) as { readonly type?: unknown; readonly data?: { readonly campaignId?: unknown; readonly subject?: unknown } };
        const { campaignId, subject } = parsed.data ?? {};
        if (parsed.type === "SubjectErased" && typeof campaignId === "string" && typeof subject === "string") found.push({ campaignId, subject });
      } catch {
        // not JSON: the command reading the file reports it
      }
    }
  } catch {
    // unreadable: the command reading the file reports it
  }
  return found;
};

/**
 * Destroys again, in the key store of `file`, the keys of the subjects `file` records as erased
 * that the key store still holds (it was restored from a backup taken before their erasure), so
 * that no command reveals their values again.
 */
export const reconcileWithFile = (keys: SubjectKeyStore, file: string, dir: string): TE.TaskEither<CliError, void> => async () => {
  const erased = await erasedInFile(file);
  if (erased.length === 0) return E.right(undefined);
  const held = await keys.existingKeys(erased)();
  if (E.isLeft(held)) return E.left(fileError(dir, describeKeyStoreError(held.left)));
  for (const ref of erased.filter((r) => held.right.has(subjectRefKey(r)))) {
    const destroyed = await keys.destroy(ref)();
    if (E.isLeft(destroyed)) return E.left(fileError(dir, describeKeyStoreError(destroyed.left)));
  }
  return E.right(undefined);
};
