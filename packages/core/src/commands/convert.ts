import { markDecoded } from "../decoding/decode.js";
import type { CampaignEvent } from "../events/catalog.js";
import { type Command, COMMAND_FOR_EVENT, EVENT_FOR_COMMAND } from "./catalog.js";

/** The event a command records when accepted: same data, the event's type. */
export const commandToEvent = (command: Command): CampaignEvent =>
  ({ type: EVENT_FOR_COMMAND[command.type], data: command.data }) as CampaignEvent;

/**
 * The command that records an event: same data, the command's type. The event's data is taken as
 * decoded (its type says so), so the command handler does not decode the command again.
 */
export const eventToCommand = (event: CampaignEvent): Command =>
  markDecoded({ type: COMMAND_FOR_EVENT[event.type], data: event.data } as Command);
