import {
  type CampaignEvent,
  type CampaignStatistics,
  type Command,
  CONTACT_KINDS,
  DEFAULT_CHECKLIST,
  businessDate,
  commandToEvent,
  computeStatistics,
  decide,
  decodeCommand,
  describeDomainError,
  initialCampaignState,
  evolve,
} from "@tenfold/core";
import * as E from "fp-ts/lib/Either.js";
import * as O from "fp-ts/lib/Option.js";
import { describe, expect, it } from "vitest";
import { XINING_CAMPAIGN_ID, xiningCommands } from "./index.js";

/** Decides every command in order; the first refusal names its place, the command and the broken rule. */
const decideAll = (commands: ReadonlyArray<Command>): E.Either<string, ReadonlyArray<CampaignEvent>> => {
  let state = initialCampaignState();
  const events: CampaignEvent[] = [];
  for (const [index, command] of commands.entries()) {
    const decided = decide(state, command);
    if (E.isLeft(decided)) {
      return E.left(`command #${index} ${command.type} ${JSON.stringify(command.data)}: ${describeDomainError(decided.left)}`);
    }
    for (const event of decided.right) {
      state = evolve(state, event);
      events.push(event);
    }
  }
  return E.right(events);
};

const commands = xiningCommands();
const decided = decideAll(commands);
const events = E.getOrElse((): ReadonlyArray<CampaignEvent> => [])(decided);
const stats: CampaignStatistics | undefined = O.toUndefined(computeStatistics(events));
const commandsOf = <C extends Command["type"]>(type: C): ReadonlyArray<Extract<Command, { readonly type: C }>> =>
  commands.filter((c): c is Extract<Command, { readonly type: C }> => c.type === type);

describe("xiningCommands", () => {
  it("are every one accepted by the decider, in order", () => {
    expect(decided).toEqual(E.right(expect.any(Array)));
    expect(events).toHaveLength(commands.length);
  });

  it("are the same commands on every call", () => {
    expect(xiningCommands()).toEqual(commands);
    expect(JSON.stringify(xiningCommands())).toBe(JSON.stringify(commands));
  });

  it("survive JSON: each decodes back to itself", () => {
    for (const command of commands) expect(decodeCommand(JSON.parse(JSON.stringify(command)))).toEqual(E.right(command));
  });

  it("are all of one campaign, dated in 2013 and recorded day by day", () => {
    const days = commands.map((c) => businessDate(commandToEvent(c)));
    expect(new Set(commands.map((c) => c.data.campaignId))).toEqual(new Set([XINING_CAMPAIGN_ID]));
    expect(days.every((d) => d >= "2013-01-01" && d <= "2013-12-31")).toBe(true);
    expect(days).toEqual([...days].sort());
    expect(commands[0]?.type).toBe("LaunchCampaign");
    expect(commands.at(-1)?.type).toBe("CloseCampaign");
  });

  it("give cadres distinct names, and diaries both tied to visits and not", () => {
    const names = commandsOf("EnrollCadre").map((c) => c.data.name);
    expect(new Set(names).size).toBe(43);
    const diaries = commandsOf("WriteDiary");
    expect(diaries.filter((d) => d.data.visitId !== null).length).toBeGreaterThan(0);
    expect(diaries.filter((d) => d.data.visitId === null).length).toBeGreaterThan(0);
  });

  it("give condolences of 21,000 yuan in two activities, several disbursements each", () => {
    const condolences = commandsOf("DisburseFund").filter((c) => c.data.kind === "condolence");
    expect(new Set(condolences.map((c) => c.data.activityId)).size).toBe(2);
    expect(condolences.length).toBeGreaterThan(2);
    expect(condolences.reduce((sum, c) => sum + c.data.amountFen, 0)).toBe(2_100_000);
  });
});

describe("the statistics of the Xining 2013 campaign", () => {
  it("match the report's totals", () => {
    expect(stats).toBeDefined();
    const s = stats!;
    expect(s.campaignId).toBe(XINING_CAMPAIGN_ID);
    expect(s.launchedOn).toBe("2013-03-01");
    expect(s.closedOn).toBe("2013-12-31");
    expect(s.groups).toBe(8);
    expect(s.cadres.enrolled).toBe(43);
    expect(s.cadres.active).toBe(43);
    expect(s.cadres.leadershipTeam).toBe(5);
    expect(s.contacts.total).toBe(56);
    for (const kind of CONTACT_KINDS) expect(s.contacts.byKind[kind], kind).toBe(8);
    expect(s.visits.total).toBe(50);
    expect(s.visits.peopleMet).toBeGreaterThan(300);
    expect(s.visits.peopleMet).toBe(325);
    expect(s.diaries).toBe(120);
    expect(s.reports).toBe(8);
    expect(s.problems.resolved).toBeGreaterThan(40);
    expect(s.problems).toEqual({ raised: 42, resolved: 41, open: 1 });
    expect(s.inspections).toBe(16);
    expect(s.funds).toEqual({
      totalFen: 36_000_000 + 2_100_000,
      byKind: { "special-relief": 36_000_000, condolence: 2_100_000, other: 0 },
      activities: { "special-relief": 1, condolence: 2, other: 0 },
    });
  });

  it("show every group's ten ones complete", () => {
    const checklist = stats!.checklist;
    expect(checklist.items).toEqual(DEFAULT_CHECKLIST);
    expect(checklist.completedGroups).toBe(8);
    for (const group of checklist.groups) expect(group.done, group.groupId).toEqual(DEFAULT_CHECKLIST);
  });

  it("are the same on every run", () => {
    const again = decideAll(xiningCommands());
    expect(E.map(computeStatistics)(again)).toEqual(E.right(O.some(stats)));
  });
});
