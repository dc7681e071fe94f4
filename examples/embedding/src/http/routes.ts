// model

/** Where a request goes. */
export type Route =
  | { readonly _tag: "PostCommand"; readonly campaignId: string }
  | { readonly _tag: "PostErasure"; readonly campaignId: string }
  | { readonly _tag: "GetStatistics"; readonly campaignId: string; readonly query: URLSearchParams }
  | { readonly _tag: "GetCheckpoint"; readonly campaignId: string }
  | { readonly _tag: "GetInclusionProof"; readonly campaignId: string; readonly revision: string }
  | { readonly _tag: "GetConsistencyProof"; readonly campaignId: string; readonly query: URLSearchParams }
  | { readonly _tag: "MethodNotAllowed"; readonly allow: string }
  | { readonly _tag: "NotFound" };

// utils

type Resource = "commands" | "erasures" | "statistics" | "checkpoint" | "consistency" | "proof";

const ALLOW: Record<Resource, string> = { commands: "POST", erasures: "POST", statistics: "GET", checkpoint: "GET", consistency: "GET", proof: "GET" };

/** The resource a campaign's path names (after `/campaigns/:id/`), and the revision of `events/:revision/proof`. */
const resourceOf = (segments: ReadonlyArray<string>): { readonly resource: Resource; readonly revision: string } | null => {
  const [first, revision, proof, ...rest] = segments;
  if (segments.length === 1 && (first === "commands" || first === "erasures" || first === "statistics" || first === "checkpoint" || first === "consistency")) return { resource: first, revision: "" };
  if (first === "events" && revision !== undefined && revision !== "" && proof === "proof" && rest.length === 0) return { resource: "proof", revision };
  return null;
};

const decodeSegment = (segment: string): string | null => {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
};

/**
 * Routes `METHOD /campaigns/:id/` + `commands`, `erasures`, `statistics`, `checkpoint`, `consistency` or
 * `events/:revision/proof`, keeping the query (origin-form targets); anything else is not found.
 */
export const route = (method: string, target: string): Route => {
  const mark = target.indexOf("?");
  const path = mark < 0 ? target : target.slice(0, mark);
  const query = new URLSearchParams(mark < 0 ? "" : target.slice(mark + 1));
  const [empty, campaigns, id, ...segments] = path.split("/");
  const campaignId = id === undefined ? null : decodeSegment(id);
  if (empty !== "" || campaigns !== "campaigns" || campaignId === null || campaignId === "") return { _tag: "NotFound" };
  const found = resourceOf(segments);
  if (found === null) return { _tag: "NotFound" };
  const allow = ALLOW[found.resource];
  if (method !== allow) return { _tag: "MethodNotAllowed", allow };
  switch (found.resource) {
    case "commands":
      return { _tag: "PostCommand", campaignId };
    case "erasures":
      return { _tag: "PostErasure", campaignId };
    case "statistics":
      return { _tag: "GetStatistics", campaignId, query };
    case "checkpoint":
      return { _tag: "GetCheckpoint", campaignId };
    case "consistency":
      return { _tag: "GetConsistencyProof", campaignId, query };
    case "proof":
      return { _tag: "GetInclusionProof", campaignId, revision: found.revision };
  }
};
