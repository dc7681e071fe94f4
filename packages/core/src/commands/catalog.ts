import type * as t from "io-ts";
import type { EVENT_DATA, EventData, EventType } from "../events/catalog.js";

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
  SubjectErased: "EraseSubject",
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

/**
 * A command of type `C` as a plain literal: its data with plain strings and numbers where
 * {@link CommandOf} has branded ids, texts, days, counts and amounts (io-ts's output type of the
 * event's data codec). The command handler decodes it; a field the catalog does not name, or a
 * misspelt one, is a compile error.
 * @example
 * const form: CommandInput<"FormGroup"> = {
 *   type: "FormGroup",
 *   data: { campaignId: "xining-2013", groupId: "group-1", name: "Group one", formedOn: "2013-03-02" },
 * };
 */
export type CommandInput<C extends CommandType> = {
  readonly type: C;
  readonly data: t.OutputOf<(typeof EVENT_DATA)[EventTypeOf<C>]>;
};

/** Any command as a plain literal: {@link CommandInput} of some command type. */
export type AnyCommandInput = { readonly [C in CommandType]: CommandInput<C> }[CommandType];

// refinements

/** Whether a string names a command. */
export const isCommandType = (s: string): s is CommandType => Object.hasOwn(EVENT_FOR_COMMAND, s);
