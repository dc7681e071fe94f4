import type { EventData, EventType } from "../events/catalog.js";

// model

/** The command that records each event type (DOMAIN.md: one per event, in the imperative). */
export const COMMAND_FOR_EVENT = {
  CampaignLaunched: "LaunchCampaign",
  GroupFormed: "FormGroup",
  CadreEnrolled: "EnrollCadre",
  AssignmentMade: "MakeAssignment",
  VisitConducted: "ConductVisit",
  DiaryWritten: "WriteDiary",
  ReportWritten: "WriteReport",
  ProblemRaised: "RaiseProblem",
  ProblemResolved: "ResolveProblem",
  FundDisbursed: "DisburseFund",
  InspectionHeld: "HoldInspection",
  CampaignClosed: "CloseCampaign",
} as const satisfies Record<EventType, string>;

/** The name of a command. */
export type CommandType = (typeof COMMAND_FOR_EVENT)[EventType];

/** The event type each command records. */
export const EVENT_FOR_COMMAND = Object.fromEntries(
  Object.entries(COMMAND_FOR_EVENT).map(([event, command]) => [command, event]),
) as { readonly [C in CommandType]: { [E in EventType]: (typeof COMMAND_FOR_EVENT)[E] extends C ? E : never }[EventType] };

/** The event type a command of type `C` records. */
export type EventTypeOf<C extends CommandType> = (typeof EVENT_FOR_COMMAND)[C];

/** A command of type `C`: `{ type, data }`, its data that of the event it records. */
export type CommandOf<C extends CommandType> = { readonly type: C; readonly data: EventData<EventTypeOf<C>> };

/** Any command. */
export type Command = { readonly [C in CommandType]: CommandOf<C> }[CommandType];

// refinements

/** Whether a string names a command. */
export const isCommandType = (s: string): s is CommandType => Object.hasOwn(EVENT_FOR_COMMAND, s);
