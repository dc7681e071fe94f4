import type { IncomingMessage, ServerResponse } from "node:http";
import type { CommandHandler, EventMetadata } from "@tenfold/core";
import { COMMAND_HANDLER } from "@tenfold/di";
import * as E from "fp-ts/lib/Either.js";
import { inject, injectable } from "tsyringe";
import { SERVICE_SETTINGS, type ServiceSettings, WRITE_POSITIONS } from "../tokens.js";
import type { WritePositions } from "../writePositions.js";
import { erasureCommand } from "./erasureRequest.js";
import { metadataOf } from "./metadata.js";
import { parsedJson, receiveText, recordedReply } from "./posted.js";
import { checkCampaignId } from "./replies.js";
import { type Reply, problem, send } from "./respond.js";

/**
 * `POST /campaigns/:id/erasures`: a data subject's personal data erased on request (DOMAIN.md,
 * personal data). The body `{ "subject", "requestRef", "erasedOn" }` is decided through the command
 * handler as EraseSubject for the campaign of the URL, and recorded as SubjectErased; the store
 * then destroys the subject's key, so its personal values read as null from then on, while every
 * hash, proof and statistic stays as it was. Nothing a reply or a log line says quotes the body.
 */
@injectable()
export class ErasuresEndpoint {
  constructor(
    @inject(COMMAND_HANDLER) private readonly handler: CommandHandler,
    @inject(WRITE_POSITIONS) private readonly writes: WritePositions,
    @inject(SERVICE_SETTINGS) private readonly settings: ServiceSettings,
  ) {}

  /** 201 with the SubjectErased recorded, as `POST /campaigns/:id/commands` replies; 400, 409, 413, 500 or 503 with `{ error, … }`. */
  async post(campaignId: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const text = await receiveText(req, res, this.settings.bodyLimit);
    if (text !== null) send(res, await this.erase(campaignId, text, metadataOf(req)));
  }

  private async erase(campaignId: string, text: string, metadata: EventMetadata): Promise<Reply> {
    const invalidId = checkCampaignId(campaignId);
    if (invalidId !== null) return invalidId;
    const json = parsedJson(text);
    if (E.isLeft(json)) return json.left;
    const command = erasureCommand(campaignId, json.right);
    if (E.isLeft(command)) return problem(400, "invalid erasure request", { issues: command.left });
    return recordedReply(this.handler, this.writes, campaignId, command.right, metadata);
  }
}
