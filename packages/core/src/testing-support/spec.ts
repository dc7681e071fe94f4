/* Test support: given/when/then for the decider, in the spirit of Emmett's deciderSpecification. */
import * as E from "fp-ts/lib/Either.js";
import { expect } from "vitest";
import { eventToCommand } from "../commands/convert.js";
import { decide, replay } from "../decider/decide.js";
import type { DomainError } from "../decider/DomainError.js";
import type { CampaignEvent } from "../events/catalog.js";

interface Then {
  /** The command is accepted and records exactly its event. */
  readonly accepted: () => void;
  /** The command is refused with exactly this error. */
  readonly refused: (error: DomainError) => void;
}

/** Given recorded events, when the command recording `next` is decided, then… */
export const given = (history: ReadonlyArray<CampaignEvent>): { readonly when: (next: CampaignEvent) => Then } => ({
  when: (next: CampaignEvent): Then => {
    const result = decide(replay(history), eventToCommand(next));
    return {
      accepted: () => expect(result).toEqual(E.right([next])),
      refused: (error) => expect(result).toEqual(E.left(error)),
    };
  },
});
