import { campaignSpecification } from "@tenfold/testing";
import { describe, it } from "vitest";
import { businessDate } from "../events/catalog.js";
import {
  assigned,
  closedEvent,
  diary,
  disbursed,
  enrolled,
  formed,
  inspected,
  launched,
  raised,
  report,
  resolved,
  smallHistory,
  visited,
  commandFor,
} from "../testing-support/events.js";

const { given } = campaignSpecification;

/* smallHistory: launched 2013-03-01; g1 formed 03-02; lead, m1 enrolled 03-03; v1 assigned 03-04; visit-1 on 03-10. */
const base = smallHistory();

describe("rule 5: business dates", () => {
  it("nothing is dated before the launch", () => {
    given([launched()]).when(commandFor(formed("g1", "2013-02-28"))).thenRefused({ _tag: "DateBeforeLaunch", date: "2013-02-28", launchedOn: "2013-03-01" });
    given([launched()]).when(commandFor(formed("g1", "2013-03-01"))).then([formed("g1", "2013-03-01")]);
    given([launched()]).when(commandFor(disbursed("f1", { disbursedOn: "2013-01-01" }))).thenRefused({ _tag: "DateBeforeLaunch", date: "2013-01-01", launchedOn: "2013-03-01" });
  });

  it("a closing is not before any date already recorded", () => {
    const late = [...base, diary("d1", "m1", null, "2013-12-30")];
    given(late).when(commandFor(closedEvent("2013-12-29"))).thenRefused({ _tag: "ClosedBeforeRecordedDate", closedOn: "2013-12-29", latestDate: "2013-12-30" });
    given(late).when(commandFor(closedEvent("2013-12-30"))).then([closedEvent("2013-12-30")]);
  });

  it("the latest recorded date counts even when recorded out of order", () => {
    const outOfOrder = [...base, diary("d1", "m1", null, "2013-11-30"), diary("d2", "m1", null, "2013-04-01")];
    given(outOfOrder).when(commandFor(closedEvent("2013-11-01"))).thenRefused({ _tag: "ClosedBeforeRecordedDate", closedOn: "2013-11-01", latestDate: "2013-11-30" });
  });

  it.each([
    ["a cadre before its group", enrolled("c2", "g1", { enrolledOn: "2013-03-01" }), "group", "g1", "2013-03-02"],
    ["an assignment before its group", assigned("x2", "g1", "community", "2013-03-01"), "group", "g1", "2013-03-02"],
    ["a visit before its cadre", visited("visit-2", "g1", ["m1"], { occurredOn: "2013-03-02" }), "cadre", "m1", "2013-03-03"],
    ["a visit before its contact", visited("visit-2", "g1", ["m1"], { contactIds: ["v1"], occurredOn: "2013-03-03" }), "contact", "v1", "2013-03-04"],
    ["a diary before its visit", diary("d1", "m1", "visit-1", "2013-03-09"), "visit", "visit-1", "2013-03-10"],
    ["a diary before its cadre", diary("d1", "m1", null, "2013-03-02"), "cadre", "m1", "2013-03-03"],
    ["a report before its group", report("r1", "g1", ["m1"], "2013-03-01"), "group", "g1", "2013-03-02"],
    ["a problem before its contact", raised("p1", "g1", "v1", "2013-03-03"), "contact", "v1", "2013-03-04"],
    ["a disbursement before its group", disbursed("f1", { groupId: "g1", disbursedOn: "2013-03-01" }), "group", "g1", "2013-03-02"],
    ["an inspection before its inspector", inspected("i1", "lead", "g1", "2013-03-02"), "cadre", "lead", "2013-03-03"],
  ] as const)("refuses %s", (_name, next, entity, id, referenceDate) => {
    given(base)
      .when(commandFor(next))
      .thenRefused({ _tag: "DateBeforeReference", date: businessDate(next), entity, id, referenceDate: referenceDate });
  });

  it("refuses a resolution dated before the problem", () => {
    const withProblem = [...base, raised("p1", "g1", null, "2013-03-20")];
    given(withProblem).when(commandFor(resolved("p1", ["m1"], "2013-03-19"))).thenRefused({ _tag: "DateBeforeReference", date: "2013-03-19", entity: "problem", id: "p1", referenceDate: "2013-03-20" });
    given(withProblem).when(commandFor(resolved("p1", ["m1"], "2013-03-20"))).then([resolved("p1", ["m1"], "2013-03-20")]);
  });
});

