import { type Command, type DecodeIssue, decodeCommand } from "@tenfold/core";
import * as E from "fp-ts/lib/Either.js";

/*
 * The body of `POST /campaigns/:id/erasures`: `{ "subject", "requestRef", "erasedOn" }`, decoded
 * as core's EraseSubject for the campaign of the URL. A body that is not one is told which fields
 * are wrong, never what they held: an erasure request may well carry the personal data it asks to
 * erase (a name for a subject), and neither a reply nor a log may repeat it.
 */

// model

/** The fields of an erasure request. */
const FIELDS = ["subject", "requestRef", "erasedOn"] as const;

/** What each field must be: the message of an issue about it, which quotes nothing that was sent. */
const EXPECTED: Readonly<Record<(typeof FIELDS)[number], string>> = {
  subject: "expected the data subject: cadre:<cadreId> or contact:<contactId>, the id 1–64 characters from A–Z a–z 0–9 . _ -",
  requestRef: "expected the request's reference: trimmed text of 1–500 characters",
  erasedOn: "expected the erasure's business day as YYYY-MM-DD",
};

const NOT_A_FIELD = `is not a field of an erasure request (${FIELDS.join(", ")})`;

// utils

const isRecord = (u: unknown): u is Record<string, unknown> => typeof u === "object" && u !== null && !Array.isArray(u);

const isField = (name: string): name is (typeof FIELDS)[number] => (FIELDS as ReadonlyArray<string>).includes(name);

/** An issue of core's decoder about `data.<field>`, with its message replaced by one that quotes nothing. */
const withoutValue = (issue: DecodeIssue): DecodeIssue => {
  const path = issue.path.startsWith("data.") ? issue.path.slice("data.".length) : issue.path;
  if (isField(path)) return { path, message: issue.message === "is required" ? issue.message : EXPECTED[path] };
  return { path, message: NOT_A_FIELD };
};

// constructors

/**
 * The EraseSubject command an erasure request's JSON asks for, for `campaignId` (the URL's, an
 * Id); Left with one issue per wrong field (`path`: the field's name; `campaignId` in the body is
 * not a field, the URL names the campaign), no message quoting a value.
 * @example
 * erasureCommand("xining-2013", { subject: "contact:h1", requestRef: "PIPL-2014-001", erasedOn: "2014-01-05" })
 * // right({ type: "EraseSubject", data: { campaignId: "xining-2013", subject: "contact:h1", requestRef: "PIPL-2014-001", erasedOn: "2014-01-05" } })
 */
export const erasureCommand = (campaignId: string, json: unknown): E.Either<ReadonlyArray<DecodeIssue>, Command> => {
  if (!isRecord(json)) return E.left([{ path: "(the body)", message: `expected an erasure request as a JSON object {${FIELDS.map((f) => `"${f}"`).join(", ")}}` }]);
  const misplaced = Object.hasOwn(json, "campaignId") ? [{ path: "campaignId", message: `${NOT_A_FIELD}: the campaign is the one in the URL` }] : [];
  const { campaignId: _ignored, ...fields } = json;
  const decoded = decodeCommand({ type: "EraseSubject", data: { ...fields, campaignId } });
  const issues = [...misplaced, ...(E.isLeft(decoded) ? decoded.left.issues.map(withoutValue) : [])];
  if (issues.length > 0 || E.isLeft(decoded)) return E.left(issues);
  return decoded;
};
