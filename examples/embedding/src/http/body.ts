import type { IncomingMessage } from "node:http";

// model

/** What reading a request body gave: its text, or why there is none. */
export type Body =
  | { readonly _tag: "Body"; readonly text: string }
  | { readonly _tag: "TooLarge"; readonly limit: number }
  | { readonly _tag: "NotUtf8" }
  | { readonly _tag: "Aborted" };

/** How much of an oversized body is read and thrown away so the connection stays usable; beyond it, the connection is closed. */
export const MAX_DISCARDED_BYTES = 1024 * 1024;

// utils

/** The Content-Length a request declares, if any (Node refuses malformed ones before we see them). */
export const declaredLength = (req: IncomingMessage): number | null => {
  const header = req.headers["content-length"];
  return header === undefined ? null : Number(header);
};

/**
 * Reads a request body as UTF-8 text, keeping at most `limit` bytes in memory. A body declared
 * larger is refused before a byte of it is read; a body that grows past the limit while
 * streaming (chunked) is refused as soon as it does, and the rest is not kept.
 */
export const readBody = (req: IncomingMessage, limit: number): Promise<Body> => {
  const declared = declaredLength(req);
  if (declared !== null && declared > limit) return Promise.resolve({ _tag: "TooLarge", limit });
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = (body: Body): void => {
      req.off("data", onData).off("end", onEnd).off("error", onClose).off("close", onClose);
      resolve(body);
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > limit) finish({ _tag: "TooLarge", limit });
      else chunks.push(chunk);
    };
    const onEnd = (): void => {
      try {
        finish({ _tag: "Body", text: new TextDecoder("utf-8", { fatal: true }).decode(Buffer.concat(chunks)) });
      } catch {
        finish({ _tag: "NotUtf8" });
      }
    };
    const onClose = (): void => finish({ _tag: "Aborted" });
    req.on("data", onData).on("end", onEnd).on("error", onClose).on("close", onClose);
  });
};

/**
 * After a 413: reads and drops what is left of the body, so a keep-alive connection can carry
 * the next request; a client that keeps sending past {@link MAX_DISCARDED_BYTES} is cut off.
 */
export const discardRest = (req: IncomingMessage): void => {
  let discarded = 0;
  req.on("data", (chunk: Buffer) => {
    discarded += chunk.length;
    if (discarded > MAX_DISCARDED_BYTES) req.socket.destroy();
  });
  req.on("error", () => undefined);
  req.resume();
};
