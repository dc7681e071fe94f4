import { type CampaignEvent, type EventType, evolve, initialCampaignState } from "@tenfold/core";
import { personalFieldsOf } from "@tenfold/core/personal";

// model

/** One personal value of a history replaced by a marker: where it stands and whose it is. */
export interface PersonalMarker {
  /** The marker, e.g. `canary-7-王`. */
  readonly marker: string;
  /** Its data subject, `cadre:<id>` or `contact:<id>`. */
  readonly subject: string;
  /** The index of its event in the history. */
  readonly index: number;
  readonly type: EventType;
  /** The personal field it fills (`name`, `contactName`, `title`, `summary`, `resolution` or `purpose`). */
  readonly field: string;
}

/** A history whose personal values are markers, and the markers. */
export interface MarkedHistory {
  readonly history: ReadonlyArray<CampaignEvent>;
  /** Every marker, in the order of the history. */
  readonly markers: ReadonlyArray<PersonalMarker>;
  /** The markers of each data subject, in the order of the history; a subject without personal values is absent. */
  readonly bySubject: ReadonlyMap<string, ReadonlyArray<string>>;
}

// constructors

const HAN = Array.from("王李张刘陈杨黄赵吴周");

/**
 * The `n`-th marker: `canary-<n>-<a Chinese character>`, ASCII and Chinese in one valid Text.
 * Markers of distinct `n` differ, and none holds another (a search for one never finds another).
 */
export const personalMarker = (n: number): string => `canary-${n}-${HAN[n % HAN.length] ?? "王"}`;

// combinators

/**
 * The history with every personal value (each field core's `personalFieldsOf` names, with its
 * subject: CadreEnrolled.name, AssignmentMade.contactName, DiaryWritten.title, ProblemRaised.summary
 * and FundDisbursed.purpose when about a contact, ProblemResolved.resolution when its problem is)
 * replaced by a unique marker, numbered from 1 in the order of the history; other fields are kept.
 * For canary tests: no marker may reach a store's plaintext, a log or an error, and after an
 * erasure none of its subject's may be read back. Validity is kept, and so is every statistic.
 * Idempotent: marking a marked history gives it back, with the same markers.
 * @example
 * const { history, bySubject } = withPersonalMarkers(generated);
 * bySubject.get("cadre:c1") // e.g. ["canary-2-张", "canary-9-吴"]: the cadre's name and a diary's title
 */
export const withPersonalMarkers = (history: ReadonlyArray<CampaignEvent>): MarkedHistory => {
  const out: CampaignEvent[] = [];
  const markers: PersonalMarker[] = [];
  const bySubject = new Map<string, string[]>();
  let state = initialCampaignState();
  history.forEach((event, index) => {
    const fields = personalFieldsOf(state, event);
    const data: Record<string, unknown> = { ...event.data };
    for (const { field, subject } of fields) {
      const marker = personalMarker(markers.length + 1);
      data[field] = marker;
      markers.push({ marker, subject, index, type: event.type, field });
      bySubject.set(subject, [...(bySubject.get(subject) ?? []), marker]);
    }
    const marked = fields.length === 0 ? event : ({ ...event, data } as CampaignEvent);
    out.push(marked);
    state = evolve(state, marked);
  });
  return { history: out, markers, bySubject };
};
