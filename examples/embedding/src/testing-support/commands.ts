/* Test support (not built): commands as JSON, the way a client posts them. */

/** `{ type, data }` with `campaignId` filled in. */
export const commandJson = (type: string, campaignId: string, data: Record<string, unknown>): { type: string; data: Record<string, unknown> } => ({
  type,
  data: { campaignId, ...data },
});

export const launchJson = (campaignId: string): ReturnType<typeof commandJson> =>
  commandJson("LaunchCampaign", campaignId, {
    name: "Ten ones",
    organizer: "Organisation department",
    launchedOn: "2013-03-01",
    checklist: ["village", "household-survey", "research-report"],
  });

export const formGroupJson = (campaignId: string, groupId: string, formedOn = "2013-03-02"): ReturnType<typeof commandJson> =>
  commandJson("FormGroup", campaignId, { groupId, name: `Group ${groupId}`, formedOn });

export const enrollJson = (campaignId: string, cadreId: string, groupId: string): ReturnType<typeof commandJson> =>
  commandJson("EnrollCadre", campaignId, { cadreId, name: `Cadre ${cadreId}`, groupId, role: "member", leadershipTeam: false, enrolledOn: "2013-03-03" });

export const assignJson = (campaignId: string, groupId: string, contactId: string, contactName: string, assignedOn = "2013-03-04"): ReturnType<typeof commandJson> =>
  commandJson("MakeAssignment", campaignId, { groupId, contactId, contactKind: "poor-household", contactName, assignedOn });
