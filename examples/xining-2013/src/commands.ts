import { type Command, type CommandType, businessDate, commandToEvent } from "@tenfold/core";
import { XINING_CAMPAIGN_ID, closeDraft, launchDraft } from "./campaign.js";
import { contactDrafts } from "./contacts.js";
import { diaryDrafts } from "./diaries.js";
import { type Draft, toCommand } from "./draft.js";
import { fundDrafts } from "./funds.js";
import { inspectionDrafts, reportDrafts } from "./oversight.js";
import { problemDrafts } from "./problems.js";
import { rosterDrafts } from "./roster.js";
import { visitDrafts } from "./visits.js";

/*
 * The whole campaign in the order it was recorded: day by day, as it happened. On one day, things
 * are recorded before what refers to them (a group before its cadres, a visit before its diaries,
 * a problem before its resolution), so every prefix of the history is itself a valid history.
 */

/** On one business day, the order in which command types are recorded. */
const RANK: { readonly [C in CommandType]: number } = {
  LaunchCampaign: 0,
  FormGroup: 1,
  EnrollCadre: 2,
  MakeAssignment: 3,
  ConductVisit: 4,
  WriteDiary: 5,
  RaiseProblem: 6,
  ResolveProblem: 7,
  WriteReport: 8,
  DisburseFund: 9,
  HoldInspection: 10,
  CloseCampaign: 11,
  EraseSubject: 12,
};

const drafts = (): ReadonlyArray<Draft> => [
  launchDraft(),
  ...rosterDrafts(),
  ...contactDrafts(),
  ...visitDrafts(),
  ...diaryDrafts(),
  ...problemDrafts(),
  ...reportDrafts(),
  ...fundDrafts(),
  ...inspectionDrafts(),
  closeDraft(),
];

/**
 * Every command of the Xining 2013 campaign, in the order it was recorded. Deterministic: the
 * same commands, in the same order, on every call.
 */
export const xiningCommands = (): ReadonlyArray<Command> =>
  drafts()
    .map(toCommand(XINING_CAMPAIGN_ID))
    .map((command, place) => ({ command, place, day: businessDate(commandToEvent(command)) }))
    .sort((a, b) =>
      a.day !== b.day ? (a.day < b.day ? -1 : 1) : RANK[a.command.type] - RANK[b.command.type] || a.place - b.place,
    )
    .map(({ command }) => command);
