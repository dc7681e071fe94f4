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
