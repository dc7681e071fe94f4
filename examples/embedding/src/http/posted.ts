import type { IncomingMessage, ServerResponse } from "node:http";
import { MAX_DISCARDED_BYTES, declaredLength, discardRest, readBody } from "./body.js";
import type { Command, CommandHandler, EventMetadata } from "@tenfold/core";
import * as E from "fp-ts/lib/Either.js";
import type { WritePositions } from "../writePositions.js";
import { handleErrorReply } from "./replies.js";
import { NOT_JSON, type Reply, problem, send } from "./respond.js";

/**
 * The text of a POST's body, or null once the request has been answered without one: 413 for a
 * body over `limit` (the rest read and dropped, or the connection closed past
 * {@link MAX_DISCARDED_BYTES}), 400 for one that is not UTF-8, nothing for a client that is gone.
 */
export const receiveText = async (req: IncomingMessage, res: ServerResponse, limit: number): Promise<string | null> => {
  const body = await readBody(req, limit);
  switch (body._tag) {
    case "Body":
      return body.text;
    case "Aborted":
      return null;
    case "NotUtf8":
      send(res, problem(400, "invalid JSON", { message: "the body is not UTF-8" }));
      return null;
    case "TooLarge": {
      const declared = declaredLength(req);
      const closing = declared !== null && declared > MAX_DISCARDED_BYTES;
      send(res, problem(413, "body too large", { limit: body.limit }, closing ? { connection: "close" } : {}));
      if (!closing) discardRest(req);
      return null;
    }
  }
};

/** A posted body's JSON, or the 400 that says it is not JSON (never quoting it: it may hold a personal value). */
export const parsedJson = (text: string): E.Either<Reply, unknown> => {
  try {
    return E.right(JSON.parse(text) as unknown);
  } catch {
    return E.left(NOT_JSON);
  }
};

/** A decoded command of the campaign recorded through the handler: 201 with what it recorded (its position noted for read-your-writes), or the handler's error reply. */
export const recordedReply = async (handler: CommandHandler, writes: WritePositions, campaignId: string, command: Command, metadata: EventMetadata): Promise<Reply> => {
  const handled = await handler.handle(command, { metadata })();
  if (E.isLeft(handled)) return handleErrorReply(handled.left);
  const last = handled.right.recorded.at(-1);
  if (last !== undefined) writes.wrote(campaignId, last.position);
  return { status: 201, body: handled.right };
};
