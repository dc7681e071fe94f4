import type { IncomingMessage, ServerResponse } from "node:http";
import { MAX_DISCARDED_BYTES, declaredLength, discardRest, readBody } from "./body.js";
import { problem, send } from "./respond.js";

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
