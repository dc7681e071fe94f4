import type { IncomingMessage } from "node:http";
import type { EventMetadata } from "@tenfold/core";

const MAX_HEADER_LENGTH = 200;

/** An optional metadata header: trimmed, 1–200 characters, else null. */
const header = (req: IncomingMessage, name: string): string | null => {
  const value = req.headers[name];
  const text = typeof value === "string" ? value.trim() : "";
  return text.length > 0 && text.length <= MAX_HEADER_LENGTH ? text : null;
};

/** Who sent a request and why, from `X-Actor`, `X-Correlation-Id` and `X-Causation-Id`: the metadata of the events it records. */
export const metadataOf = (req: IncomingMessage): EventMetadata => ({
  actor: header(req, "x-actor"),
  correlationId: header(req, "x-correlation-id"),
  causationId: header(req, "x-causation-id"),
});
