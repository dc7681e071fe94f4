import { isDeepStrictEqual } from "node:util";
import { fc, test } from "@fast-check/vitest";
import {
  type AnyCommandInput,
  type CampaignEvent,
  type Day,
  type EventOf,
  businessDate,
  campaignStatistics,
  computeStatistics,
  decide,
  decodeEvent,
  eventToCommand,
  evolve,
  initialCampaignState,
  project,
  statisticsAsOfDay,
  statisticsOf,
} from "@tenfold/core";
import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import { campaignSpecification } from "../decider/deciderSpecification.js";
import { arbitraryErasures, arbitraryHistoryWithErasures } from "./arbitraryErasures.js";
import { arbitraryHistory } from "./arbitraryHistory.js";
import { checkHistory } from "./checkHistory.js";

type Erasure = EventOf<"SubjectErased">;
const erasuresIn = (h: ReadonlyArray<CampaignEvent>): ReadonlyArray<Erasure> => h.filter((e): e is Erasure => e.type === "SubjectErased");
const withoutErasures = (h: ReadonlyArray<CampaignEvent>): ReadonlyArray<CampaignEvent> => h.filter((e) => e.type !== "SubjectErased");
const latestDay = (h: ReadonlyArray<CampaignEvent>): Day => h.map(businessDate).reduce((a, b) => (b > a ? b : a));

/** When each subject came to exist: cadres by enrolment, contacts by assignment (with the contact's group). */
const subjectsOf = (h: ReadonlyArray<CampaignEvent>): Map<string, { readonly since: string; readonly groupId: string }> =>
  new Map(
    h.flatMap((e): ReadonlyArray<readonly [string, { readonly since: string; readonly groupId: string }]> =>
      e.type === "CadreEnrolled"
        ? [[`cadre:${e.data.cadreId}`, { since: e.data.enrolledOn, groupId: e.data.groupId }] as const]
        : e.type === "AssignmentMade"
          ? [[`contact:${e.data.contactId}`, { since: e.data.assignedOn, groupId: e.data.groupId }] as const]
          : [],
    ),
  );

/** The history folded through core's decider: each event decided as its command must record exactly itself. */
const decidedThroughout = (h: ReadonlyArray<CampaignEvent>): E.Either<{ readonly index: number; readonly refused: unknown }, number> => {
  let state = initialCampaignState();
  for (const [index, event] of h.entries()) {
    const decided = decide(state, eventToCommand(event));
    if (E.isLeft(decided) || !isDeepStrictEqual(decided.right, [event])) return E.left({ index, refused: decided });
    state = evolve(state, event);
  }
  return E.right(h.length);
};

describe("arbitraryHistoryWithErasures", () => {
  test.prop([arbitraryHistoryWithErasures()])("every history decodes and is accepted by core's decide/evolve fold and by checkHistory", (history) => {
    for (const event of erasuresIn(history)) expect(decodeEvent(JSON.parse(JSON.stringify(event)))).toEqual(E.right(event));
    expect(decidedThroughout(history)).toEqual(E.right(history.length));
    expect(checkHistory(history)._tag).toBe("Right");
  });

  test.prop([arbitraryHistoryWithErasures({ placement: "end", erasures: { minErasures: 1 } })])("placed at the end: the history as generated, then its erasures", (history) => {
    const first = history.findIndex((e) => e.type === "SubjectErased");
    expect(first === -1 || history.slice(first).every((e) => e.type === "SubjectErased")).toBe(true);
    expect(decidedThroughout(history)._tag).toBe("Right");
  });

  test.prop([arbitraryHistoryWithErasures()])("erases each subject at most once, a subject that exists, not before it exists nor before the launch", (history) => {
    const subjects = subjectsOf(history);
    const launchedOn = history[0]?.type === "CampaignLaunched" ? history[0].data.launchedOn : "";
    const erased = erasuresIn(history);
    expect(new Set(erased.map((e) => e.data.subject)).size).toBe(erased.length);
    for (const e of erased) {
      expect(subjects.has(e.data.subject)).toBe(true);
      expect(e.data.erasedOn >= (subjects.get(e.data.subject)?.since ?? "") && e.data.erasedOn >= launchedOn).toBe(true);
    }
  });

  test.prop([arbitraryHistoryWithErasures()])("has the statistics of the same history without its erasures, in full and as of every day", (history) => {
    const without = withoutErasures(history);
    expect(statisticsOf(project(campaignStatistics, history))).toEqual(statisticsOf(project(campaignStatistics, without)));
    expect(computeStatistics(history)).toEqual(computeStatistics(without));
    for (const day of new Set(history.map(businessDate))) expect(statisticsAsOfDay(history, day)).toEqual(statisticsAsOfDay(without, day));
  });

  it("has every kind of erasure: before and after the closing, in the middle, several, of cadres and contacts, out of order", () => {
    const histories = fc.sample(arbitraryHistoryWithErasures(), { numRuns: 300 });
    const closedAt = (h: ReadonlyArray<CampaignEvent>): number => h.findIndex((e) => e.type === "CampaignClosed");
    const features: Record<string, (h: ReadonlyArray<CampaignEvent>) => boolean> = {
      "no erasure": (h) => erasuresIn(h).length === 0,
      "several erasures": (h) => erasuresIn(h).length >= 3,
      "a cadre erased": (h) => erasuresIn(h).some((e) => e.data.subject.startsWith("cadre:")),
      "a contact erased": (h) => erasuresIn(h).some((e) => e.data.subject.startsWith("contact:")),
      "an erasure after the closing": (h) => closedAt(h) >= 0 && h.slice(closedAt(h)).some((e) => e.type === "SubjectErased"),
      "an erasure before the closing": (h) => closedAt(h) >= 0 && h.slice(0, closedAt(h)).some((e) => e.type === "SubjectErased"),
      "an erasure followed by other events of the campaign": (h) => h.some((e, i) => e.type === "SubjectErased" && h.slice(i).some((x) => x.type !== "SubjectErased" && x.type !== "CampaignClosed")),
      "an erasure dated before the closing day": (h) => h.some((e) => e.type === "CampaignClosed" && erasuresIn(h).some((x) => x.data.erasedOn < e.data.closedOn)),
      "an erasure dated after the latest day of the campaign": (h) => erasuresIn(h).some((x) => x.data.erasedOn > latestDay(withoutErasures(h))),
      "subjects erased out of their order of enrolment": (h) => {
        const order = [...subjectsOf(h).keys()];
        return erasuresIn(h).some((e, i, all) => i > 0 && order.indexOf(e.data.subject) < order.indexOf(all[i - 1]?.data.subject ?? ""));
      },
    };
    const missing = Object.entries(features).filter(([, has]) => !histories.some(has)).map(([name]) => name);
    expect(missing).toEqual([]);
  });

  it("shrinks to one erasure of a small history, still valid", () => {
    const result = fc.check(fc.property(arbitraryHistoryWithErasures(), (h) => erasuresIn(h).length === 0), { seed: 42, numRuns: 1000 });
    expect(result.failed).toBe(true);
    const [smallest] = result.counterexample ?? [[]];
    expect(checkHistory(smallest)._tag).toBe("Right");
    expect(erasuresIn(smallest)).toHaveLength(1);
    expect(withoutErasures(smallest).map((e) => e.type)).toEqual(["CampaignLaunched", "GroupFormed", expect.stringMatching(/^(CadreEnrolled|AssignmentMade)$/)]);
  });
});

describe("arbitraryErasures", () => {
  const withErasures = (constraints: Parameters<typeof arbitraryErasures>[1] = {}) =>
    arbitraryHistory().chain((history) => arbitraryErasures(history, constraints).map((erasures) => ({ history, erasures })));

  test.prop([withErasures()])("appended to the history, each is accepted, with a reference of its own that is not personal", ({ history, erasures }) => {
    expect(decidedThroughout([...history, ...erasures])).toEqual(E.right(history.length + erasures.length));
    const refs = erasures.map((e) => e.data.requestRef);
    expect(new Set(refs).size).toBe(refs.length);
    for (const ref of refs) expect(ref).toMatch(/^erasure-request-\d+$/);
    expect(erasures.every((e) => e.data.campaignId === history[0]?.data.campaignId)).toBe(true);
  });

  test.prop([withErasures({ minErasures: 1_000 })])("erases every subject when asked for more than there are", ({ history, erasures }) => {
    expect(new Set(erasures.map((e) => e.data.subject))).toEqual(new Set(subjectsOf(history).keys()));
  });

  test.prop([withErasures({ minErasures: 1, maxErasures: 2, maxDelay: 0 })])("keeps to its bounds", ({ history, erasures }) => {
    const subjects = subjectsOf(history).size;
    expect(erasures.length).toBeGreaterThanOrEqual(Math.min(1, subjects));
    expect(erasures.length).toBeLessThanOrEqual(2);
    for (const e of erasures) expect(e.data.erasedOn <= latestDay(history)).toBe(true);
  });

  test.prop([arbitraryHistoryWithErasures().chain((h) => arbitraryErasures(h).map((more) => [h, more] as const))])(
    "on a history that has erasures, erases only subjects not erased yet, with new references",
    ([history, more]) => {
      expect(checkHistory([...history, ...more])._tag).toBe("Right");
      const refs = [...erasuresIn(history), ...more].map((e) => e.data.requestRef);
      expect(new Set(refs).size).toBe(refs.length);
    },
  );

  it("refuses a history that is not launched, and constraints it cannot meet, with a RangeError", () => {
    expect(() => arbitraryErasures([])).toThrow(RangeError);
    const [history = []] = fc.sample(arbitraryHistory(), { seed: 1, numRuns: 1 });
    expect(() => arbitraryErasures(history.slice(1))).toThrow(RangeError);
    expect(() => arbitraryErasures(history, { minErasures: 3, maxErasures: 2 })).toThrow(RangeError);
    expect(() => arbitraryErasures(history, { maxDelay: -1 })).toThrow(RangeError);
    expect(() => arbitraryHistoryWithErasures({ erasures: { minErasures: 1.5 } })).toThrow(RangeError);
  });
});

/** Commands that would record a personal value of `subject`, valid in every other respect, dated `day`. */
const probes = (history: ReadonlyArray<CampaignEvent>, subject: string, day: Day): ReadonlyArray<readonly [AnyCommandInput, string]> => {
  const campaignId = history[0]?.data.campaignId ?? "";
  const [kind, id] = [subject.slice(0, subject.indexOf(":")), subject.slice(subject.indexOf(":") + 1)];
  if (kind === "cadre") return [[{ type: "WriteDiary", data: { campaignId, diaryId: "probe-diary", cadreId: id, visitId: null, title: "Probe", writtenOn: day } }, "title"]];
  const groupId = subjectsOf(history).get(subject)?.groupId ?? "";
  const resolved = new Set(history.flatMap((e) => (e.type === "ProblemResolved" ? [e.data.problemId] : [])));
  const open = history.find((e): e is EventOf<"ProblemRaised"> => e.type === "ProblemRaised" && e.data.contactId === id && !resolved.has(e.data.problemId));
  const cadre = history.find((e) => e.type === "CadreEnrolled");
  const fund = { disbursementId: "probe-fund", kind: "other", activityId: "probe", source: "Probe", purpose: "Probe", amountFen: 1, contactId: id, disbursedOn: day } as const;
  return [
    [{ type: "RaiseProblem", data: { campaignId, problemId: "probe-problem", groupId, contactId: id, summary: "Probe", raisedOn: day } }, "summary"],
    [{ type: "DisburseFund", data: { campaignId, ...fund, groupId: null } }, "purpose"],
    [{ type: "DisburseFund", data: { campaignId, ...fund, groupId } }, "purpose"],
    ...(open === undefined || cadre?.type !== "CadreEnrolled"
      ? []
      : [[{ type: "ResolveProblem", data: { campaignId, problemId: open.data.problemId, resolution: "Probe", resolvedByCadreIds: [cadre.data.cadreId], resolvedOn: day } }, "resolution"] as const]),
  ];
};

describe("after an erasure", () => {
  test.prop([arbitraryHistoryWithErasures({ closed: false, erasures: { minErasures: 1 } })])(
    "deciding any event with a personal value of the subject is refused with PersonalDataOfErasedSubject; without the erasure it is accepted",
    (history) => {
      const day = latestDay(history);
      for (const erasure of erasuresIn(history)) {
        const { subject, erasedOn } = erasure.data;
        for (const [command, field] of probes(history, subject, day)) {
          campaignSpecification.given(history).when(command).thenRefused({ _tag: "PersonalDataOfErasedSubject", subject, field, erasedOn });
          const state = checkHistory(history.filter((e) => e !== erasure));
          expect(E.isRight(state) && E.isRight(decide(state.right, command as never))).toBe(true);
        }
      }
    },
  );
});
