import { describe, expect, it } from "vitest";
import { route } from "./routes.js";

describe("route", () => {
  it("routes the two resources, decoding the campaign id and keeping the query", () => {
    expect(route("POST", "/campaigns/c-1/commands")).toEqual({ _tag: "PostCommand", campaignId: "c-1" });
    expect(route("POST", "/campaigns/c%2D1/commands?x=1")).toEqual({ _tag: "PostCommand", campaignId: "c-1" });
    const statistics = route("GET", "/campaigns/c-1/statistics?asOf=2013-03-01");
    expect(statistics._tag === "GetStatistics" && [statistics.campaignId, statistics.query.get("asOf")]).toEqual(["c-1", "2013-03-01"]);
  });

  it("routes a campaign's erasures, POST only", () => {
    expect(route("POST", "/campaigns/c-1/erasures")).toEqual({ _tag: "PostErasure", campaignId: "c-1" });
    expect(route("POST", "/campaigns/c%2D1/erasures?x=1")).toEqual({ _tag: "PostErasure", campaignId: "c-1" });
    expect(route("GET", "/campaigns/c-1/erasures")).toEqual({ _tag: "MethodNotAllowed", allow: "POST" });
    expect(route("DELETE", "/campaigns/c-1/erasures")).toEqual({ _tag: "MethodNotAllowed", allow: "POST" });
  });

  it("routes the signed log's three resources", () => {
    expect(route("GET", "/campaigns/c-1/checkpoint")).toEqual({ _tag: "GetCheckpoint", campaignId: "c-1" });
    expect(route("GET", "/campaigns/c-1/events/12/proof")).toEqual({ _tag: "GetInclusionProof", campaignId: "c-1", revision: "12" });
    const consistency = route("GET", "/campaigns/c-1/consistency?old=3");
    expect(consistency._tag === "GetConsistencyProof" && [consistency.campaignId, consistency.query.get("old")]).toEqual(["c-1", "3"]);
    expect(route("POST", "/campaigns/c-1/events/0/proof")).toEqual({ _tag: "MethodNotAllowed", allow: "GET" });
  });

  it("says which method a known resource allows", () => {
    expect(route("GET", "/campaigns/c-1/commands")).toEqual({ _tag: "MethodNotAllowed", allow: "POST" });
    expect(route("DELETE", "/campaigns/c-1/statistics")).toEqual({ _tag: "MethodNotAllowed", allow: "GET" });
  });

  it.each(["/", "/campaigns", "/campaigns/c-1", "/campaigns//commands", "/campaigns/c-1/commands/", "/campaigns/c-1/erasures/", "/campaigns/c-1/erasures/contact:h1", "/campaigns//erasures", "/campaigns/c-1/events", "/campaigns/c-1/events//proof", "/campaigns/c-1/events/0", "/campaigns/c-1/events/0/proof/x", "/campaigns/c-1/checkpoint/", "/campaigns/%E0%A4%A/commands", "//evil/campaigns/c-1/commands", "http://[::1"])(
    "finds nothing at %s",
    (target) => expect(route("POST", target)).toEqual({ _tag: "NotFound" }),
  );
});
