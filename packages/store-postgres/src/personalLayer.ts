import type { EventStore, StoreError } from "@tenfold/core";
import { nodePersonalCipher, nodeSha256 } from "@tenfold/core/node";
import { type PersonalDataStore, type SubjectKeyStore, type SubjectRef, withPersonalData } from "@tenfold/core/personal";
import type { Sha256 } from "@tenfold/core/audit";
import * as E from "fp-ts/lib/Either.js";
import type { Database } from "./database.js";
import { toStoreError } from "./errors.js";
import type { Names } from "./schema.js";
import { keyTable } from "./subjectKeyTable.js";

/** The subjects the log records as erased: one query over the events of type SubjectErased. */
const erasedInLog = (db: Database, names: Names, redact: (text: string) => string) => () => async (): Promise<E.Either<StoreError, ReadonlyArray<SubjectRef>>> => {
  try {
    const rows = await db.query(`SELECT data FROM ${names.events} WHERE type = 'SubjectErased' ORDER BY position`);
    return E.right(
      rows.flatMap((row) => {
        const data = JSON.parse(String(row["data"])) as { readonly campaignId?: unknown; readonly subject?: unknown };
        return typeof data.campaignId === "string" && typeof data.subject === "string" ? [{ campaignId: data.campaignId, subject: data.subject }] : [];
      }),
    );
  } catch (error) {
    return E.left(toStoreError(error, "reading the erasures the log records", redact));
  }
};

/**
 * @internal The store with personal data protected (DOMAIN.md, schema version 2): the key store given, or
 * the `subject_keys` table of the same schema over the same connections; and the keys of
 * subjects the log says were erased destroyed again now, at open (a key store restored from a
 * backup taken before an erasure must not bring the data back).
 */
export const withPersonalLayer = async (
  store: EventStore,
  context: { readonly db: Database; readonly names: Names; readonly redact: (text: string) => string },
  options: { readonly keys?: SubjectKeyStore | undefined; readonly sha256?: Sha256 | undefined },
): Promise<E.Either<StoreError, PersonalDataStore>> => {
  const keys = options.keys ?? keyTable({ ...context, cipher: nodePersonalCipher });
  const layered = withPersonalData(store, { keys, cipher: nodePersonalCipher, sha256: options.sha256 ?? nodeSha256, erasedInLog: erasedInLog(context.db, context.names, context.redact) });
  const reconciled = await layered.reconcileErasures()();
  return E.isLeft(reconciled) ? reconciled : E.right(layered);
};
