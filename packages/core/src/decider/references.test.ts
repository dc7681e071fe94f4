import { campaignSpecification } from "@tenfold/testing";
import { describe, it } from "vitest";
import {
  assigned,
  diary,
  disbursed,
  enrolled,
  formed,
  inspected,
  raised,
  report,
  resolved,
  smallHistory,
  visited,
  commandFor,
} from "../testing-support/events.js";

const { given } = campaignSpecification;

/* smallHistory: group g1; "lead" (g1, leadership team); "m1" (g1); contact v1 (village, g1); visit-1 by m1 with v1. */
const base = [...smallHistory(), formed("g2"), enrolled("m2", "g2"), assigned("v2", "g2", "village")];

describe("rule 2 for every entity type", () => {
  const history = [...base, diary("d1", "m1", "visit-1"), report("r1", "g1", ["m1"]), raised("p1", "g1"), disbursed("f1"), inspected("i1", "lead", "g1")];
  it.each([
    ["contact", assigned("v1", "g2", "community")],
    ["visit", visited("visit-1", "g1", ["m1"])],
    ["diary", diary("d1", "m1", null)],
    ["report", report("r1", "g1", ["m1"])],
    ["problem", raised("p1", "g1")],
    ["disbursement", disbursed("f1")],
    ["inspection", inspected("i1", "lead", "g1")],
  ] as const)("refuses a %s id used twice", (entity, next) => {
    const id = { contact: "v1", visit: "visit-1", diary: "d1", report: "r1", problem: "p1", disbursement: "f1", inspection: "i1" }[entity];
    given(history).when(commandFor(next)).thenRefused({ _tag: "DuplicateId", entity, id });
  });
});

describe("rule 3: referenced groups exist", () => {
  it.each([
    ["CadreEnrolled", enrolled("c9", "g9")],
    ["AssignmentMade", assigned("x9", "g9", "community")],
    ["VisitConducted", visited("v9", "g9", ["m1"])],
    ["ReportWritten", report("r9", "g9", ["m1"])],
    ["ProblemRaised", raised("p9", "g9")],
    ["InspectionHeld", inspected("i9", "lead", "g9")],
    ["FundDisbursed", disbursed("f9", { groupId: "g9" })],
  ])("%s naming an unformed group is refused", (_type, next) =>
    given(base).when(commandFor(next)).thenRefused({ _tag: "GroupNotFound", groupId: "g9" }));

  it("a disbursement without a group is accepted", () => given(base).when(commandFor(disbursed("f1", { groupId: null }))).then([disbursed("f1", { groupId: null })]));
});

describe("rule 4: relations between entities", () => {
  it("a visit's cadres are enrolled in its group or on the leadership team", () => {
    given(base).when(commandFor(visited("v2", "g2", ["m2", "lead"]))).then([visited("v2", "g2", ["m2", "lead"])]);
    given(base).when(commandFor(visited("v2", "g2", ["m1"]))).thenRefused({ _tag: "CadreNotInGroup", cadreId: "m1", groupId: "g2" });
    given(base).when(commandFor(visited("v2", "g2", ["ghost"]))).thenRefused({ _tag: "CadreNotEnrolled", cadreId: "ghost" });
  });

  it("a visit's contacts are assigned to its group", () => {
    given(base).when(commandFor(visited("v2", "g2", ["m2"], { contactIds: ["v2"] }))).then([visited("v2", "g2", ["m2"], { contactIds: ["v2"] })]);
    given(base).when(commandFor(visited("v2", "g2", ["m2"], { contactIds: ["v1"] }))).thenRefused({ _tag: "ContactNotAssigned", contactId: "v1", groupId: "g2" });
    given(base).when(commandFor(visited("v2", "g2", ["m2"], { contactIds: ["nobody"] }))).thenRefused({ _tag: "ContactNotAssigned", contactId: "nobody", groupId: "g2" });
  });

  it("a diary's cadre is enrolled and took part in the visit it names", () => {
    given(base).when(commandFor(diary("d1", "m1", "visit-1"))).then([diary("d1", "m1", "visit-1")]);
    given(base).when(commandFor(diary("d1", "m2", null))).then([diary("d1", "m2", null)]);
    given(base).when(commandFor(diary("d1", "ghost", null))).thenRefused({ _tag: "CadreNotEnrolled", cadreId: "ghost" });
    given(base).when(commandFor(diary("d1", "m1", "visit-9"))).thenRefused({ _tag: "VisitNotFound", visitId: "visit-9" });
    given(base).when(commandFor(diary("d1", "m2", "visit-1"))).thenRefused({ _tag: "CadreNotOnVisit", cadreId: "m2", visitId: "visit-1" });
  });

  it("every author of a report is enrolled (in any group)", () => {
    given(base).when(commandFor(report("r1", "g1", ["m1", "m2"]))).then([report("r1", "g1", ["m1", "m2"])]);
    given(base).when(commandFor(report("r1", "g1", ["m1", "ghost"]))).thenRefused({ _tag: "CadreNotEnrolled", cadreId: "ghost" });
  });

  it("a problem's contact is assigned to its group", () => {
    given(base).when(commandFor(raised("p1", "g1", "v1"))).then([raised("p1", "g1", "v1")]);
    given(base).when(commandFor(raised("p1", "g1", "v2"))).thenRefused({ _tag: "ContactNotAssigned", contactId: "v2", groupId: "g1" });
  });

  it("a problem is resolved once, after being raised, by enrolled cadres", () => {
    const withProblem = [...base, raised("p1", "g1")];
    given(withProblem).when(commandFor(resolved("p1", ["m1", "m2"]))).then([resolved("p1", ["m1", "m2"])]);
    given(base).when(commandFor(resolved("p1", ["m1"]))).thenRefused({ _tag: "ProblemNotFound", problemId: "p1" });
    given([...withProblem, resolved("p1", ["m1"])]).when(commandFor(resolved("p1", ["m1"], "2013-04-02"))).thenRefused({ _tag: "ProblemAlreadyResolved", problemId: "p1" });
    given(withProblem).when(commandFor(resolved("p1", ["ghost"]))).thenRefused({ _tag: "CadreNotEnrolled", cadreId: "ghost" });
  });

  it("a disbursement's contact is assigned, to its group when both are given", () => {
    given(base).when(commandFor(disbursed("f1", { contactId: "v1" }))).then([disbursed("f1", { contactId: "v1" })]);
    given(base).when(commandFor(disbursed("f1", { contactId: "v1", groupId: "g1" }))).then([disbursed("f1", { contactId: "v1", groupId: "g1" })]);
    given(base).when(commandFor(disbursed("f1", { contactId: "v1", groupId: "g2" }))).thenRefused({ _tag: "ContactNotAssigned", contactId: "v1", groupId: "g2" });
    given(base).when(commandFor(disbursed("f1", { contactId: "nobody" }))).thenRefused({ _tag: "ContactNotAssigned", contactId: "nobody", groupId: null });
  });

  it("an inspector is on the leadership team", () => {
    given(base).when(commandFor(inspected("i1", "lead", "g2"))).then([inspected("i1", "lead", "g2")]);
    given(base).when(commandFor(inspected("i1", "m1", "g1"))).thenRefused({ _tag: "InspectorNotOnLeadershipTeam", cadreId: "m1" });
    given(base).when(commandFor(inspected("i1", "ghost", "g1"))).thenRefused({ _tag: "CadreNotEnrolled", cadreId: "ghost" });
  });
});
