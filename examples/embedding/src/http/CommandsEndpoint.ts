import type { IncomingMessage, ServerResponse } from "node:http";
import { type CommandHandler, type EventMetadata, decodeCommand } from "@tenfold/core";
import { COMMAND_HANDLER } from "@tenfold/di";
import * as E from "fp-ts/lib/Either.js";
import { inject, injectable } from "tsyringe";
import { SERVICE_SETTINGS, type ServiceSettings, WRITE_POSITIONS } from "../tokens.js";
import type { WritePositions } from "../writePositions.js";
import { MAX_DISCARDED_BYTES, declaredLength, discardRest, readBody } from "./body.js";
import { checkCampaignId, handleErrorReply } from "./replies.js";
import { type Reply, problem, send } from "./respond.js";

const MAX_HEADER_LENGTH = 200;

/** An optional metadata header: trimmed, 1–200 characters, else null. */
const header = (req: IncomingMessage, name: string): string | null => {
  const value = req.headers[name];
  const text = typeof value === "string" ? value.trim() : "";
  return text.length > 0 && text.length <= MAX_HEADER_LENGTH ? text : null;
};

/** Who sent a command and why, from `X-Actor`, `X-Correlation-Id` and `X-Causation-Id`. */
const metadataOf = (req: IncomingMessage): EventMetadata => ({
  actor: header(req, "x-actor"),
  correlationId: header(req, "x-correlation-id"),
  causationId: header(req, "x-causation-id"),
});

/** `POST /campaigns/:id/commands`: a command as DOMAIN.md gives it, decoded, decided and recorded. */
@injectable()
export class CommandsEndpoint {
  constructor(
    @inject(COMMAND_HANDLER) private readonly handler: CommandHandler,
    @inject(WRITE_POSITIONS) private readonly writes: WritePositions,
    @inject(SERVICE_SETTINGS) private readonly settings: ServiceSettings,
  ) {}

  /** 201 with the recorded events; 400, 409, 413, 500 or 503 with `{ error, … }`. */
  async post(campaignId: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req, this.settings.bodyLimit);
    if (body._tag === "Aborted") return; // the client is gone
    if (body._tag === "TooLarge") {
      const declared = declaredLength(req);
      const closing = declared !== null && declared > MAX_DISCARDED_BYTES;
      send(res, problem(413, "body too large", { limit: body.limit }, closing ? { connection: "close" } : {}));
      if (!closing) discardRest(req);
      return;
    }
    send(res, body._tag === "NotUtf8" ? problem(400, "invalid JSON", { message: "the body is not UTF-8" }) : await this.record(campaignId, body.text, metadataOf(req)));
  }

  private async record(campaignId: string, text: string, metadata: EventMetadata): Promise<Reply> {
    const invalidId = checkCampaignId(campaignId);
    if (invalidId !== null) return invalidId;
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      return problem(400, "invalid JSON", { message: error instanceof Error ? error.message : "unparseable" });
    }
    const command = decodeCommand(json);
    if (E.isLeft(command)) return problem(400, "invalid command", { issues: command.left.issues });
    const commandCampaignId = command.right.data.campaignId;
    if (commandCampaignId !== campaignId) {
      return problem(400, "campaign mismatch", {
        message: `the command is for campaign "${commandCampaignId}" but was posted to campaign "${campaignId}"`,
        campaignId,
        commandCampaignId,
      });
    }
    const handled = await this.handler.handle(command.right, { metadata })();
    if (E.isLeft(handled)) return handleErrorReply(handled.left);
    const last = handled.right.recorded.at(-1);
    if (last !== undefined) this.writes.wrote(campaignId, last.position);
    return { status: 201, body: handled.right };
  }
}
