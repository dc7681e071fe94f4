import { parentPort } from "node:worker_threads";
import { preparingBatch } from "./lineBatches.js";
import type { BatchRequest, BatchResponse } from "./preparedLines.js";
import { encodeBatch } from "./preparedWire.js";

/*
 * A worker thread of preparedLines.ts: given a batch of whole lines, it answers with the lines
 * prepared (JSON, the seal's hash, and what the task asks), in order, as text (preparedWire.ts).
 */
parentPort?.on("message", (request: BatchRequest) => {
  const bytes = new Uint8Array(request.buffer, request.byteOffset, request.length);
  const response: BatchResponse = { id: request.id, ...encodeBatch(preparingBatch(bytes, request.firstLine, request.task, request.maxLineBytes, false)) };
  parentPort?.postMessage(response);
});
