import { AssertionError } from "node:assert";
import type { AnyEventInput, Decider } from "@tenfold/core";
import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import { campaignSpecification, deciderSpecification } from "./deciderSpecification.js";

const launched: AnyEventInput = {
  type: "CampaignLaunched",
  data: { campaignId: "xining-2013", name: "Ten ones", organizer: "Xining organisation department", launchedOn: "2013-03-01", checklist: ["village"] },
};
const groupFormed: AnyEventInput = {
  type: "GroupFormed",
  data: { campaignId: "xining-2013", groupId: "g1", name: "Group one", formedOn: "2013-03-02" },
};
const formGroup = { type: "FormGroup", data: groupFormed.data } as const;

describe("campaignSpecification", () => {
  const { given } = campaignSpecification;

  it("passes when the command records exactly the expected events", () => {
    expect(() => given([launched]).when(formGroup).then([groupFormed])).not.toThrow();
  });

  it("fails with an AssertionError when the events differ", () => {
    const other = { ...groupFormed, data: { ...groupFormed.data, name: "Group two" } };
    expect(() => given([launched]).when(formGroup).then([other])).toThrow(AssertionError);
  });

  it("fails when an accepted command was expected to be refused, naming what it recorded", () => {
    expect(() => given([launched]).when(formGroup).thenRefused({ _tag: "GroupNotFound", groupId: "g1" })).toThrow(/recorded .*GroupFormed/);
  });

  it("passes when the command is refused with exactly the expected error, a plain literal", () => {
    const early = { type: "FormGroup", data: { ...groupFormed.data, formedOn: "2013-02-28" } } as const;
    expect(() => given([launched]).when(early).thenRefused({ _tag: "DateBeforeLaunch", date: "2013-02-28", launchedOn: "2013-03-01" })).not.toThrow();
    expect(() => given([launched]).when(early).thenRefused({ _tag: "DateBeforeLaunch", date: "2013-02-28", launchedOn: "2013-03-02" })).toThrow(AssertionError);
  });

  it("fails when a refused command was expected to be accepted, describing the refusal", () => {
    expect(() => given([]).when(formGroup).then([groupFormed])).toThrow(/refused: .*xining-2013/);
  });

  it("throws a TypeError naming the field of a literal that does not decode", () => {
    const badDay = { type: "GroupFormed", data: { ...groupFormed.data, formedOn: "2013-02-30" } } as const;
    expect(() => given([launched, badDay])).toThrow(TypeError);
    expect(() => given([launched, badDay])).toThrow(/given\[1\] \(GroupFormed\).*formedOn/);
    expect(() => given([launched]).when({ type: "FormGroup", data: { ...groupFormed.data, groupId: "" } })).toThrow(/when \(FormGroup\).*groupId/);
  });
});

describe("campaignSpecification with erasures (SubjectErased, rule 6)", () => {
  const { given } = campaignSpecification;
  const cadreEnrolled: AnyEventInput = {
    type: "CadreEnrolled",
    data: { campaignId: "xining-2013", cadreId: "c1", name: "Wang Fang 王芳", groupId: "g1", role: "member", leadershipTeam: false, enrolledOn: "2013-03-03" },
  };
  const erasure = { campaignId: "xining-2013", subject: "cadre:c1", requestRef: "PIPL-47/2014-001", erasedOn: "2014-01-10" } as const;
  const erased: AnyEventInput = { type: "SubjectErased", data: erasure };
  const closed: AnyEventInput = { type: "CampaignClosed", data: { campaignId: "xining-2013", summary: "Done", closedOn: "2013-12-31" } };
  const diary = { type: "WriteDiary", data: { campaignId: "xining-2013", diaryId: "d1", cadreId: "c1", visitId: null, title: "A day in the village", writtenOn: "2014-01-11" } } as const;

  it("records an erasure, after the closing too", () => {
    given([launched, groupFormed, cadreEnrolled]).when({ type: "EraseSubject", data: erasure }).then([erased]);
    given([launched, groupFormed, cadreEnrolled, closed]).when({ type: "EraseSubject", data: erasure }).then([erased]);
  });

  it("refuses a second erasure, an erasure of no one, and a personal value of an erased subject", () => {
    given([launched, groupFormed, cadreEnrolled, erased]).when({ type: "EraseSubject", data: erasure }).thenRefused({ _tag: "SubjectAlreadyErased", subject: "cadre:c1", erasedOn: "2014-01-10" });
    given([launched, groupFormed]).when({ type: "EraseSubject", data: erasure }).thenRefused({ _tag: "CadreNotEnrolled", cadreId: "c1" });
    given([launched, groupFormed]).when({ type: "EraseSubject", data: { ...erasure, subject: "contact:k1" } }).thenRefused({ _tag: "ContactNotAssigned", contactId: "k1", groupId: null });
    given([launched, groupFormed, cadreEnrolled, erased]).when(diary).thenRefused({ _tag: "PersonalDataOfErasedSubject", subject: "cadre:c1", field: "title", erasedOn: "2014-01-10" });
    given([launched, groupFormed, cadreEnrolled]).when(diary).then([{ type: "DiaryWritten", data: diary.data }]);
  });

  it("throws a TypeError naming the subject of an erasure that does not decode", () => {
    expect(() => given([launched, { type: "SubjectErased", data: { ...erasure, subject: "group:g1" } }])).toThrow(/given\[1\] \(SubjectErased\).*subject/);
  });
});

describe("deciderSpecification of any decider", () => {
  // A counter that refuses to go below zero.
  const counter: Decider<number, "inc" | "dec", 1 | -1, "AtZero"> = {
    initialState: () => 0,
    evolve: (state, event) => state + event,
    decide: (state, command) => (command === "inc" ? E.right([1]) : state === 0 ? E.left("AtZero") : E.right([-1])),
  };
  const { given } = deciderSpecification(counter);

  it("folds the history before deciding", () => {
    given([1]).when("dec").then([-1]);
    given([1, -1]).when("dec").thenRefused("AtZero");
    expect(() => given([1, -1]).when("dec").then([-1])).toThrow(/refused: "AtZero"/);
  });
});
