import type * as t from "io-ts";
import type { Day } from "../values/Day.js";
import * as data from "./data.js";

// model

/** Codec of each event's data, by event type: the catalog of DOMAIN.md, in its order. */
export const EVENT_DATA = {
  CampaignLaunched: data.CampaignLaunchedData,
  GroupFormed: data.GroupFormedData,
  CadreEnrolled: data.CadreEnrolledData,
  AssignmentMade: data.AssignmentMadeData,
  VisitConducted: data.VisitConductedData,
  DiaryWritten: data.DiaryWrittenData,
  ReportWritten: data.ReportWrittenData,
  ProblemRaised: data.ProblemRaisedData,
  ProblemResolved: data.ProblemResolvedData,
  FundDisbursed: data.FundDisbursedData,
  InspectionHeld: data.InspectionHeldData,
  CampaignClosed: data.CampaignClosedData,
  SubjectErased: data.SubjectErasedData,
} as const;

/** The name of an event type of the catalog. */
export type EventType = keyof typeof EVENT_DATA;

/** Every event type, in catalog order. */
export const EVENT_TYPES = Object.keys(EVENT_DATA) as ReadonlyArray<EventType>;

/** The data of events of type `T`. */
export type EventData<T extends EventType = EventType> = t.TypeOf<(typeof EVENT_DATA)[T]>;

/** An event of type `T`: `{ type, data }`. */
export type EventOf<T extends EventType> = { readonly type: T; readonly data: EventData<T> };

/** Any event of the campaign. */
export type CampaignEvent = { readonly [T in EventType]: EventOf<T> }[EventType];

/**
 * An event of type `T` as a plain literal: its data with plain strings and numbers where
 * {@link EventOf} has branded values (io-ts's output type of the data codec); `decodeEvent` makes
 * it an event.
 */
export type EventInput<T extends EventType> = { readonly type: T; readonly data: t.OutputOf<(typeof EVENT_DATA)[T]> };

/** Any event as a plain literal: {@link EventInput} of some event type. */
export type AnyEventInput = { readonly [T in EventType]: EventInput<T> }[EventType];

export type CampaignLaunched = EventOf<"CampaignLaunched">;
export type GroupFormed = EventOf<"GroupFormed">;
export type CadreEnrolled = EventOf<"CadreEnrolled">;
export type AssignmentMade = EventOf<"AssignmentMade">;
export type VisitConducted = EventOf<"VisitConducted">;
export type DiaryWritten = EventOf<"DiaryWritten">;
export type ReportWritten = EventOf<"ReportWritten">;
export type ProblemRaised = EventOf<"ProblemRaised">;
export type ProblemResolved = EventOf<"ProblemResolved">;
export type FundDisbursed = EventOf<"FundDisbursed">;
export type InspectionHeld = EventOf<"InspectionHeld">;
export type CampaignClosed = EventOf<"CampaignClosed">;
export type SubjectErased = EventOf<"SubjectErased">;

// refinements

/** Whether a string names an event type of the catalog. */
export const isEventType = (s: string): s is EventType => Object.hasOwn(EVENT_DATA, s);

// utils

/** The business date of an event: the day it says it happened (DOMAIN.md's table). */
export const businessDate = (event: CampaignEvent): Day => {
  switch (event.type) {
    case "CampaignLaunched":
      return event.data.launchedOn;
    case "GroupFormed":
      return event.data.formedOn;
    case "CadreEnrolled":
      return event.data.enrolledOn;
    case "AssignmentMade":
      return event.data.assignedOn;
    case "VisitConducted":
      return event.data.occurredOn;
    case "DiaryWritten":
    case "ReportWritten":
      return event.data.writtenOn;
    case "ProblemRaised":
      return event.data.raisedOn;
    case "ProblemResolved":
      return event.data.resolvedOn;
    case "FundDisbursed":
      return event.data.disbursedOn;
    case "InspectionHeld":
      return event.data.heldOn;
    case "CampaignClosed":
      return event.data.closedOn;
    case "SubjectErased":
      return event.data.erasedOn;
  }
};
