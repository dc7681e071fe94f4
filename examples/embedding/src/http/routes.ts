// model

/** Where a request goes. */
export type Route =
  | { readonly _tag: "PostCommand"; readonly campaignId: string }
  | { readonly _tag: "GetStatistics"; readonly campaignId: string; readonly query: URLSearchParams }
  | { readonly _tag: "MethodNotAllowed"; readonly allow: string }
  | { readonly _tag: "NotFound" };

// utils

const RESOURCES = { commands: "POST", statistics: "GET" } as const;

const decodeSegment = (segment: string): string | null => {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
};

/** Routes `METHOD /campaigns/:id/commands` and `/campaigns/:id/statistics[?query]` (origin-form targets); anything else is not found. */
export const route = (method: string, target: string): Route => {
  const mark = target.indexOf("?");
  const path = mark < 0 ? target : target.slice(0, mark);
  const query = new URLSearchParams(mark < 0 ? "" : target.slice(mark + 1));
  const [empty, campaigns, id, resource, ...rest] = path.split("/");
  const campaignId = id === undefined ? null : decodeSegment(id);
  if (empty !== "" || campaigns !== "campaigns" || campaignId === null || campaignId === "" || rest.length > 0) return { _tag: "NotFound" };
  if (resource !== "commands" && resource !== "statistics") return { _tag: "NotFound" };
  const allow = RESOURCES[resource];
  if (method !== allow) return { _tag: "MethodNotAllowed", allow };
  return resource === "commands" ? { _tag: "PostCommand", campaignId } : { _tag: "GetStatistics", campaignId, query };
};
