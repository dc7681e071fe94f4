import {
  type HandleError,
  type StoreError,
  Id,
  RULE_OF,
  describeDomainError,
  describeHandleError,
  describeStoreError,
  isStoreError,
} from "@tenfold/core";
import { type Reply, problem } from "./respond.js";

const RETRY = { "retry-after": "1" };

/** 503 when the store is unavailable (try again), 500 for any other store error. */
export const storeErrorReply = (error: StoreError): Reply =>
  error._tag === "StoreUnavailable"
    ? problem(503, "store unavailable", { message: describeStoreError(error) }, RETRY)
    : problem(500, "store failure", { message: describeStoreError(error) });

/** 409 with the rule, the error's tag and the ids it names; 503 for an unavailable store or exhausted retries. */
export const handleErrorReply = (error: HandleError): Reply => {
  if (isStoreError(error)) return storeErrorReply(error);
  if (error._tag === "ConcurrencyRetriesExhausted") {
    return problem(503, "too many concurrent writers", { message: describeHandleError(error) }, RETRY);
  }
  if (error._tag === "DecodeError") return problem(400, "invalid command", { issues: error.issues });
  const { _tag, ...ids } = error;
  return problem(409, "rule violated", { ...ids, tag: _tag, rule: RULE_OF[_tag], message: describeDomainError(error) });
};

/** 400 unless `campaignId` is an Id. */
export const checkCampaignId = (campaignId: string): Reply | null =>
  Id.is(campaignId) ? null : problem(400, "invalid campaign id", { issues: [{ path: "id", message: "expected an Id (1–64 characters from A–Z a–z 0–9 . _ -)" }] });
