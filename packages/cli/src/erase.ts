import { createCommandHandler, describeHandleError, Text } from "@tenfold/core";
import { fromValidationErrors } from "@tenfold/core/codecs";
import { Subject, type SubjectKeyStore } from "@tenfold/core/personal";
import * as E from "fp-ts/lib/Either.js";
import { pipe } from "fp-ts/lib/function.js";
import * as TE from "fp-ts/lib/TaskEither.js";
import { type CliError, failure, usageError } from "./CliError.js";
import { defineCommand, required } from "./command.js";
import { type Erasure, eraseInFile } from "./eraseFile.js";
import { ERASE_HELP } from "./helpPersonal.js";
import { type CliIo, EXIT, type ExitCode } from "./io.js";
import { campaignFlag } from "./load.js";
import { KEYS_FLAG, keysFlag, keysOption, storeForWriting } from "./personalFlags.js";
import { parseSource, SOURCE_FLAGS, withStore } from "./source.js";
import { findCampaign } from "./storeReading.js";
import { dayFlag } from "./view.js";

// utils

const plural = (n: number, one: string): string => `${n.toLocaleString("en-US")} ${one}${n === 1 ? "" : "s"}`;

/** A flag's value decoded by `codec`; a bad one is a usage error naming the flag (quoting the value only when `echo`: a subject is a pseudonym). */
const decodedFlag = <A>(flag: string, value: string, codec: { readonly decode: (u: unknown) => E.Either<Parameters<typeof fromValidationErrors>[0], A> }, echo: boolean): E.Either<CliError, A> =>
  E.mapLeft((errors: Parameters<typeof fromValidationErrors>[0]) =>
    usageError("erase", `invalid --${flag}${echo ? ` "${value}"` : ""}: ${fromValidationErrors(errors).issues[0]?.message ?? "invalid value"}`),
  )(codec.decode(value));

/** The erasure the flags ask for: a subject `cadre:ID` or `contact:ID`, a request reference (Text) and a day. */
const erasureFlags = (flags: { readonly subject?: string | undefined; readonly "request-ref"?: string | undefined; readonly on?: string | undefined }): E.Either<CliError, Erasure> =>
  pipe(
    E.Do,
    E.apS("subject", pipe(required("erase", "subject", flags.subject, "contact:ID or cadre:ID"), E.flatMap((s) => decodedFlag("subject", s, Subject, true)))),
    E.apS("requestRef", pipe(required("erase", "request-ref", flags["request-ref"], "REF (the erasure request's reference)"), E.flatMap((r) => decodedFlag("request-ref", r, Text, false)))),
    E.apS("erasedOn", pipe(required("erase", "on", flags.on, "DAY (the business date of the erasure, YYYY-MM-DD)"), E.flatMap((d) => dayFlag("erase", "on", d)), E.map((d) => d ?? ""))),
  );

/** Records the erasure through the command handler over an opened store, which destroys the key itself (its own key store, or `--keys` when it keeps none). */
const eraseInStore = (url: string, campaign: string | undefined, keys: { readonly store: SubjectKeyStore; readonly dir: string } | undefined, erasure: Erasure, io: CliIo): TE.TaskEither<CliError, ExitCode> =>
  withStore(
    "erase",
    io,
    url,
    (opened) =>
    pipe(
      TE.fromEither(storeForWriting("erase", opened, keys?.store, io)),
      TE.flatMap((store) =>
        pipe(
          findCampaign(store, campaign),
          TE.flatMap((campaignId) =>
            pipe(
              createCommandHandler({ store, ...(io.clock === undefined ? {} : { clock: io.clock }), ...(io.ids === undefined ? {} : { ids: io.ids }) }).handle({ type: "EraseSubject", data: { campaignId, ...erasure } }),
              TE.mapLeft((error) => failure(`${opened.description}: ${describeHandleError(error)}`, "Nothing was erased.")),
              TE.flatMap(({ recorded }) => async () => {
                const event = recorded[0];
                const where = event === undefined ? "" : ` (stream ${event.streamId} revision ${event.streamRevision}, hash ${event.hash ?? "none"})`;
                await io.stdout.write(`Erased ${erasure.subject} of campaign "${campaignId}" (request ${erasure.requestRef}) on ${erasure.erasedOn}: SubjectErased recorded in ${opened.description}${where}; its key destroyed in ${keys === undefined ? "the store's key store" : keys.dir}.\n`);
                return E.right<CliError, ExitCode>(EXIT.ok);
              }),
            ),
          ),
        ),
      ),
    ),
    keysOption(keys?.store),
  );

// constructors

/** `tenfold erase (--store URL [--campaign ID] [--keys DIR] | --input FILE --keys DIR) --subject contact:ID|cadre:ID --request-ref REF --on DAY`. */
export const eraseCommand = defineCommand(
  "erase",
  ERASE_HELP,
  { ...SOURCE_FLAGS, ...KEYS_FLAG, subject: { type: "string" }, "request-ref": { type: "string" }, on: { type: "string" } },
  (flags, io) =>
    pipe(
      E.Do,
      E.apS("source", parseSource("erase", flags.input, flags.store)),
      E.bind("campaign", ({ source }) => campaignFlag("erase", source, flags.campaign)),
      E.tap(({ source }) => (source._tag === "File" && flags.keys === undefined ? E.left(usageError("erase", "--input FILE needs --keys DIR: the key store of the file, where the subject's key is destroyed")) : E.right(undefined))),
      E.apS("erasure", erasureFlags(flags)),
      TE.fromEither,
      TE.bind("keys", () => keysFlag(flags.keys)),
      TE.flatMap(({ source, campaign, erasure, keys }) => {
        if (source._tag === "Store") return eraseInStore(source.url, campaign, keys === undefined ? undefined : { store: keys, dir: flags.keys ?? "" }, erasure, io);
        const file = source.file;
        return pipe(
          keys === undefined ? TE.left(usageError("erase", "--input FILE needs --keys DIR")) : eraseInFile(file, keys, erasure, io),
          TE.flatMap((done) => async () => {
            const reconciled = done.reconciled.length === 0 ? "" : ` The keys of ${done.reconciled.join(", ")}, erased before, were still in ${flags.keys ?? ""}: destroyed too.`;
            await io.stdout.write(
              `Erased ${erasure.subject} of campaign "${done.campaignId}" (request ${erasure.requestRef}) on ${erasure.erasedOn}: SubjectErased recorded at ${file}:${done.line} ` +
                `(stream ${done.streamId} revision ${done.revision}, hash ${done.hash}); its key destroyed in ${flags.keys ?? ""}: ` +
                `${plural(done.values, "personal value")} of it can no longer be read, their commitments and every hash unchanged.${reconciled}\n`,
            );
            return E.right<CliError, ExitCode>(EXIT.ok);
          }),
        );
      }),
    ),
);
