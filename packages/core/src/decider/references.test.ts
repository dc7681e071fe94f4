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
} from "../testing-support/events.js";
import { given } from "../testing-support/spec.js";

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
    given(history).when(next).refused({ _tag: "DuplicateId", entity, id });
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
    given(base).when(next).refused({ _tag: "GroupNotFound", groupId: "g9" }));

  it("a disbursement without a group is accepted", () => given(base).when(disbursed("f1", { groupId: null })).accepted());
});

describe("rule 4: relations between entities", () => {
  it("a visit's cadres are enrolled in its group or on the leadership team", () => {
    given(base).when(visited("v2", "g2", ["m2", "lead"])).accepted();
    given(base).when(visited("v2", "g2", ["m1"])).refused({ _tag: "CadreNotInGroup", cadreId: "m1", groupId: "g2" });
    given(base).when(visited("v2", "g2", ["ghost"])).refused({ _tag: "CadreNotEnrolled", cadreId: "ghost" });
  });

  it("a visit's contacts are assigned to its group", () => {
    given(base).when(visited("v2", "g2", ["m2"], { contactIds: ["v2"] })).accepted();
    given(base).when(visited("v2", "g2", ["m2"], { contactIds: ["v1"] })).refused({ _tag: "ContactNotAssigned", contactId: "v1", groupId: "g2" });
    given(base).when(visited("v2", "g2", ["m2"], { contactIds: ["nobody"] })).refused({ _tag: "ContactNotAssigned", contactId: "nobody", groupId: "g2" });
  });

  it("a diary's cadre is enrolled and took part in the visit it names", () => {
    given(base).when(diary("d1", "m1", "visit-1")).accepted();
    given(base).when(diary("d1", "m2", null)).accepted();
    given(base).when(diary("d1", "ghost", null)).refused({ _tag: "CadreNotEnrolled", cadreId: "ghost" });
    given(base).when(diary("d1", "m1", "visit-9")).refused({ _tag: "VisitNotFound", visitId: "visit-9" });
    given(base).when(diary("d1", "m2", "visit-1")).refused({ _tag: "CadreNotOnVisit", cadreId: "m2", visitId: "visit-1" });
  });

  it("every author of a report is enrolled (in any group)", () => {
    given(base).when(report("r1", "g1", ["m1", "m2"])).accepted();
    given(base).when(report("r1", "g1", ["m1", "ghost"])).refused({ _tag: "CadreNotEnrolled", cadreId: "ghost" });
  });

  it("a problem's contact is assigned to its group", () => {
    given(base).when(raised("p1", "g1", "v1")).accepted();
    given(base).when(raised("p1", "g1", "v2")).refused({ _tag: "ContactNotAssigned", contactId: "v2", groupId: "g1" });
  });

  it("a problem is resolved once, after being raised, by enrolled cadres", () => {
    const withProblem = [...base, raised("p1", "g1")];
    given(withProblem).when(resolved("p1", ["m1", "m2"])).accepted();
    given(base).when(resolved("p1", ["m1"])).refused({ _tag: "ProblemNotFound", problemId: "p1" });
    given([...withProblem, resolved("p1", ["m1"])]).when(resolved("p1", ["m1"], "2013-04-02")).refused({ _tag: "ProblemAlreadyResolved", problemId: "p1" });
    given(withProblem).when(resolved("p1", ["ghost"])).refused({ _tag: "CadreNotEnrolled", cadreId: "ghost" });
  });

  it("a disbursement's contact is assigned, to its group when both are given", () => {
    given(base).when(disbursed("f1", { contactId: "v1" })).accepted();
    given(base).when(disbursed("f1", { contactId: "v1", groupId: "g1" })).accepted();
    given(base).when(disbursed("f1", { contactId: "v1", groupId: "g2" })).refused({ _tag: "ContactNotAssigned", contactId: "v1", groupId: "g2" });
    given(base).when(disbursed("f1", { contactId: "nobody" })).refused({ _tag: "ContactNotAssigned", contactId: "nobody", groupId: null });
  });

  it("an inspector is on the leadership team", () => {
    given(base).when(inspected("i1", "lead", "g2")).accepted();
    given(base).when(inspected("i1", "m1", "g1")).refused({ _tag: "InspectorNotOnLeadershipTeam", cadreId: "m1" });
    given(base).when(inspected("i1", "ghost", "g1")).refused({ _tag: "CadreNotEnrolled", cadreId: "ghost" });
  });
});
