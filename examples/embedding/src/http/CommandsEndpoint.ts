import type { IncomingMessage, ServerResponse } from "node:http";
import { type CommandHandler, type EventMetadata, decodeCommand } from "@tenfold/core";
import { COMMAND_HANDLER } from "@tenfold/di";
import * as E from "fp-ts/lib/Either.js";
import { inject, injectable } from "tsyringe";
import { SERVICE_SETTINGS, type ServiceSettings, WRITE_POSITIONS } from "../tokens.js";
import type { WritePositions } from "../writePositions.js";
import { metadataOf } from "./metadata.js";
import { parsedJson, receiveText, recordedReply } from "./posted.js";
import { checkCampaignId } from "./replies.js";
import { type Reply, problem, send } from "./respond.js";

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
    const text = await receiveText(req, res, this.settings.bodyLimit);
    if (text !== null) send(res, await this.record(campaignId, text, metadataOf(req)));
  }

  private async record(campaignId: string, text: string, metadata: EventMetadata): Promise<Reply> {
    const invalidId = checkCampaignId(campaignId);
    if (invalidId !== null) return invalidId;
    const json = parsedJson(text);
    if (E.isLeft(json)) return json.left;
    const command = decodeCommand(json.right);
    if (E.isLeft(command)) return problem(400, "invalid command", { issues: command.left.issues });
    const commandCampaignId = command.right.data.campaignId;
    if (commandCampaignId !== campaignId) {
      return problem(400, "campaign mismatch", {
        message: `the command is for campaign "${commandCampaignId}" but was posted to campaign "${campaignId}"`,
        campaignId,
        commandCampaignId,
      });
    }
    return recordedReply(this.handler, this.writes, campaignId, command.right, metadata);
  }
}
