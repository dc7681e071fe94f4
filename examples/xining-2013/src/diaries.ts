import { addDays, on } from "./calendar.js";
import { CONTACTS } from "./contacts.js";
import { type DraftOf, draft } from "./draft.js";
import { CADRES, type Cadre } from "./roster.js";
import { type Visit, visitsOf } from "./visits.js";

/*
 * "Writing a diary of the people of the journal ... in the 120": 120 "people's diaries". The
 * leadership team "takes the lead in writing ... the diary": its five members write four each
 * (20); of the other 38 cadres, the first 24 write three and the last 14 two (100). A cadre's
 * first two diaries are about the first two visits they took part in, written the next day; any
 * further diary is a reflection tied to no visit, at mid-year or at the year's end.
 */

// model

/** One diary as planned. */
interface Diary {
  readonly diaryId: string;
  readonly cadreId: string;
  readonly visitId: string | null;
  readonly title: string;
  readonly writtenOn: string;
}

// constructors

/** What each round's visit was about, for the diary's title. */
const ROUND_TOPICS: ReadonlyArray<string> = [
  "listening to the opinions and suggestions of",
  "a household survey, face to face, with",
  "joining a community activity at",
  "talking with the",
  "condolence before the Party's anniversary to",
  "Mid-Autumn condolence to",
  "following up the problems raised by",
];

const MID_YEAR: ReadonlyArray<string> = [
  "what the masses taught me about work style",
  "zero distance: from the office to the grassroots",
  "taking the people as teachers",
  "notes after the mid-year inspection of the ten ones",
];

const YEAR_END: ReadonlyArray<string> = [
  "a year of close ties with the masses",
  "what serving the grassroots changed in my work",
  "looking back on the ten ones",
  "the voices of the masses I will keep listening to",
];

const pick = (titles: ReadonlyArray<string>, n: number): string => titles[n % titles.length] ?? "";

/** How many diaries a cadre writes, given their place among cadres off the leadership team. */
const diaryCount = (cadre: Cadre, placeOffTeam: number): number => (cadre.leadershipTeam ? 4 : placeOffTeam < 24 ? 3 : 2);

const aboutVisit = (cadre: Cadre, k: number, visit: Visit): Diary => {
  const contact = CONTACTS.find((c) => c.contactId === visit.contactIds[0]);
  return {
    diaryId: `${cadre.cadreId}.diary-${k + 1}`,
    cadreId: cadre.cadreId,
    visitId: visit.visitId,
    title: `People's diary: ${ROUND_TOPICS[visit.round] ?? "a visit to"} ${contact?.contactName ?? "the grassroots"}`,
    writtenOn: addDays(visit.occurredOn, 1),
  };
};

const reflection = (cadre: Cadre, k: number, serial: number): Diary => {
  const midYear = k === 2;
  return {
    diaryId: `${cadre.cadreId}.diary-${k + 1}`,
    cadreId: cadre.cadreId,
    visitId: null,
    title: `People's diary: ${pick(midYear ? MID_YEAR : YEAR_END, serial)}`,
    writtenOn: addDays(midYear ? on(7, 5) : on(12, 2), serial % 20),
  };
};

const planDiaries = (): ReadonlyArray<Diary> => {
  let placeOffTeam = 0;
  return CADRES.flatMap((cadre, serial) => {
    const count = diaryCount(cadre, placeOffTeam);
    if (!cadre.leadershipTeam) placeOffTeam += 1;
    const visits = visitsOf(cadre.cadreId);
    return Array.from({ length: count }, (_, k) => {
      const visit = k < 2 ? visits[k] : undefined;
      return visit === undefined ? reflection(cadre, k, serial) : aboutVisit(cadre, k, visit);
    });
  });
};

// utils

/** The drafts that record every diary, cadre by cadre. */
export const diaryDrafts = (): ReadonlyArray<DraftOf<"WriteDiary">> => planDiaries().map((d) => draft("WriteDiary", d));
