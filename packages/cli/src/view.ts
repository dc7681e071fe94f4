import { type CampaignEvent, Day, type HistoryView } from "@tenfold/core";
import { fromValidationErrors, Instant } from "@tenfold/core/codecs";
import * as E from "fp-ts/lib/Either.js";
import { pipe } from "fp-ts/lib/function.js";
import { type CliError, failure, usageError } from "./CliError.js";

// model

/** Which events count, as the flags gave it (the instant as written, for messages): core's HistoryView once converted. */
export interface View {
  readonly asOf?: Day;
  readonly recordedBefore?: string;
}

// utils

type Errors = Parameters<typeof fromValidationErrors>[0];

const flagValue = <A>(command: string, flag: string, value: string | undefined, decode: (value: string) => E.Either<Errors, A>): E.Either<CliError, A | undefined> => {
  if (value === undefined) return E.right(undefined);
  const decoded = decode(value);
  if (E.isRight(decoded)) return decoded;
  const reason = fromValidationErrors(decoded.left).issues[0]?.message ?? "invalid value";
  return E.left(usageError(command, `invalid --${flag} "${value}": ${reason}`));
};

/** A Day flag's value; a bad value is a usage error naming the flag. */
export const dayFlag = (command: string, flag: string, value: string | undefined): E.Either<CliError, Day | undefined> =>
  flagValue(command, flag, value, (u) => Day.decode(u));

/** An instant flag's value (ISO-8601 UTC); a bad value is a usage error naming the flag. */
export const instantFlag = (command: string, flag: string, value: string | undefined): E.Either<CliError, string | undefined> =>
  flagValue(command, flag, value, (u) => Instant.decode(u));

/** Parses `--as-of` (a Day) and `--recorded-before` (an ISO-8601 UTC instant) of `command`. */
export const parseView = (command: string, asOf: string | undefined, before: string | undefined): E.Either<CliError, View> =>
  pipe(E.Do, E.apS("asOf", dayFlag(command, "as-of", asOf)), E.apS("recordedBefore", instantFlag(command, "recorded-before", before)));

/** `as of DAY, recorded before INSTANT`; undefined for the whole history. */
export const describeView = (view: View): string | undefined => {
  const parts = [
    ...(view.asOf === undefined ? [] : [`as of ${view.asOf}`]),
    ...(view.recordedBefore === undefined ? [] : [`recorded before ${view.recordedBefore}`]),
  ];
  return parts.length === 0 ? undefined : parts.join(", ");
};

/** The view as core's readers and projections take it. */
export const historyView = (view: View): HistoryView => ({
  ...(view.asOf === undefined ? {} : { asOf: view.asOf }),
  ...(view.recordedBefore === undefined ? {} : { recordedBefore: new Date(view.recordedBefore) }),
});

/** Why the view holds nothing: the campaign's launch falls outside it. */
export const nothingInView = (campaignId: string, launch: (CampaignEvent & { readonly recordedAt: string }) | undefined, view: View): CliError => {
  const reasons: string[] = [];
  if (launch?.type === "CampaignLaunched") {
    if (view.asOf !== undefined && launch.data.launchedOn > view.asOf) reasons.push(`it was launched on ${launch.data.launchedOn}`);
    if (view.recordedBefore !== undefined && Date.parse(launch.recordedAt) >= Date.parse(view.recordedBefore)) {
      reasons.push(`its launch was recorded at ${launch.recordedAt}`);
    }
  }
  const why = reasons.length === 0 ? "" : `: ${reasons.join(", and ")}`;
  return failure(`No statistics for campaign "${campaignId}" ${describeView(view) ?? ""}${why}. Nothing to show.`);
};
