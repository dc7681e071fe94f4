import { type Command, type CommandInput, type CommandType, decodeCommand, formatDecodeError } from "@tenfold/core";

// model

/** The data of a command of type `C`, as plain values, without the campaign id (every draft has the same one). */
export type DraftData<C extends CommandType> = Omit<CommandInput<C>["data"], "campaignId">;

/** A command of type `C` not yet decoded: its shape is checked by the compiler, its values by the codecs. */
export interface DraftOf<C extends CommandType> {
  readonly type: C;
  readonly data: DraftData<C>;
}

/** Any draft command. */
export type Draft = { readonly [C in CommandType]: DraftOf<C> }[CommandType];

// constructors

/** The draft of a command of type `type` with `data`. */
export const draft = <C extends CommandType>(type: C, data: DraftData<C>): DraftOf<C> => ({ type, data });

// utils

/**
 * The command a draft stands for, in campaign `campaignId`, decoded by the core's codecs.
 * Drafts are static tables of this example, so a refusal is a defect of the example: it throws,
 * naming the command and every field at fault (the tests decode every draft).
 */
export const toCommand =
  (campaignId: string) =>
  (d: Draft): Command => {
    const decoded = decodeCommand({ type: d.type, data: { campaignId, ...d.data } });
    if (decoded._tag === "Right") return decoded.right;
    throw new Error(`xining-2013: ${d.type} ${JSON.stringify(d.data)} is not a valid command: ${formatDecodeError(decoded.left).join("; ")}`);
  };
