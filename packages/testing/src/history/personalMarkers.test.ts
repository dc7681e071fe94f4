import { test } from "@fast-check/vitest";
import { type CampaignEvent, computeStatistics, decodeEvent } from "@tenfold/core";
import { PERSONAL_FIELD } from "@tenfold/core/personal";
import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import { arbitraryHistoryWithErasures } from "./arbitraryErasures.js";
import { checkHistory } from "./checkHistory.js";
import { personalMarker, withPersonalMarkers } from "./personalMarkers.js";

/**
 * The personal fields of each event and their subjects, by DOMAIN.md's table, worked out here
 * without core's personalFieldsOf: `index field` → subject.
 */
const expectedFields = (history: ReadonlyArray<CampaignEvent>): Map<string, string> => {
  const problemContact = new Map<string, string | null>();
  const fields = new Map<string, string>();
  history.forEach((e, i) => {
    const put = (field: string, subject: string): void => void fields.set(`${i} ${field}`, subject);
    switch (e.type) {
      case "CadreEnrolled":
        return put("name", `cadre:${e.data.cadreId}`);
      case "AssignmentMade":
        return put("contactName", `contact:${e.data.contactId}`);
      case "DiaryWritten":
        return put("title", `cadre:${e.data.cadreId}`);
      case "ProblemRaised":
        problemContact.set(e.data.problemId, e.data.contactId);
        return e.data.contactId === null ? undefined : put("summary", `contact:${e.data.contactId}`);
      case "ProblemResolved": {
        const contactId = problemContact.get(e.data.problemId) ?? null;
        return contactId === null ? undefined : put("resolution", `contact:${contactId}`);
      }
      case "FundDisbursed":
        return e.data.contactId === null ? undefined : put("purpose", `contact:${e.data.contactId}`);
      case "CampaignLaunched":
      case "GroupFormed":
      case "VisitConducted":
      case "ReportWritten":
      case "InspectionHeld":
      case "CampaignClosed":
      case "SubjectErased":
        return undefined;
    }
  });
  return fields;
};

const occurrences = (text: string, marker: string): number => text.split(marker).length - 1;

describe("withPersonalMarkers", () => {
  test.prop([arbitraryHistoryWithErasures()])("gives every personal field, and only those, a marker of its own", (history) => {
    const marked = withPersonalMarkers(history);
    const markers = marked.markers.map((m) => m.marker);
    expect(new Set(markers).size).toBe(markers.length);
    expect(new Map(marked.markers.map((m) => [`${m.index} ${m.field}`, m.subject]))).toEqual(expectedFields(history));
    const text = JSON.stringify(marked.history);
    for (const m of marked.markers) {
      expect(PERSONAL_FIELD[m.type]).toBe(m.field);
      expect(marked.history[m.index]?.type).toBe(m.type);
      expect((marked.history[m.index]?.data as Readonly<Record<string, unknown>> | undefined)?.[m.field]).toBe(m.marker);
      expect(occurrences(text, m.marker)).toBe(1);
    }
  });

  test.prop([arbitraryHistoryWithErasures()])("keeps every other field, the validity and the statistics", (history) => {
    const marked = withPersonalMarkers(history);
    const personal = new Set(marked.markers.map((m) => `${m.index} ${m.field}`));
    marked.history.forEach((e, i) => {
      const before = history[i]?.data as Readonly<Record<string, unknown>>;
      for (const [field, value] of Object.entries(e.data)) if (!personal.has(`${i} ${field}`)) expect(value).toEqual(before[field]);
      expect(decodeEvent(JSON.parse(JSON.stringify(e)))).toEqual(E.right(e));
    });
    expect(checkHistory(marked.history)._tag).toBe("Right");
    expect(computeStatistics(marked.history)).toEqual(computeStatistics(history));
  });

  test.prop([arbitraryHistoryWithErasures()])("lists each subject's markers: a cadre's name and diaries, a contact's name, problems and funds", (history) => {
    const { markers, bySubject } = withPersonalMarkers(history);
    const subjects = [...new Set(markers.map((m) => m.subject))];
    expect(new Map(subjects.map((s) => [s, markers.filter((m) => m.subject === s).map((m) => m.marker)]))).toEqual(bySubject);
    for (const subject of bySubject.keys()) {
      const [first, ...rest] = markers.filter((m) => m.subject === subject).map((m) => `${m.type}.${m.field}`);
      const cadre = subject.startsWith("cadre:");
      expect(first).toBe(cadre ? "CadreEnrolled.name" : "AssignmentMade.contactName");
      for (const f of rest) expect(cadre ? ["DiaryWritten.title"] : ["ProblemRaised.summary", "ProblemResolved.resolution", "FundDisbursed.purpose"]).toContain(f);
    }
  });

  test.prop([arbitraryHistoryWithErasures({ personalMarkers: true })])("is what the personalMarkers option gives, and marks a marked history the same", (history) => {
    const again = withPersonalMarkers(history);
    expect(again.history).toEqual(history);
    expect(withPersonalMarkers(again.history)).toEqual(again);
    expect(checkHistory(history)._tag).toBe("Right");
  });

  it("makes markers of ASCII and Chinese, none holding another", () => {
    const markers = Array.from({ length: 2_000 }, (_, n) => personalMarker(n + 1));
    for (const m of markers) expect(m).toMatch(/^canary-\d+-\p{Script=Han}$/u);
    expect(personalMarker(1)).toBe("canary-1-李");
    expect(new Set(markers).size).toBe(markers.length);
    for (const m of markers.slice(0, 150)) expect(markers.filter((other) => other.includes(m))).toEqual([m]);
  });
});
