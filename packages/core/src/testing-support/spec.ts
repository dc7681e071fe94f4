/* Test support: given/when/then for the decider, in the spirit of Emmett's deciderSpecification. */
import * as E from "fp-ts/lib/Either.js";
import type * as t from "io-ts";
import { expect } from "vitest";
import { eventToCommand } from "../commands/convert.js";
import { decide, replay } from "../decider/decide.js";
import type { DomainError } from "../decider/DomainError.js";
import type { CampaignEvent } from "../events/catalog.js";

/** A DomainError with branded strings (Day, Id) loosened to plain strings, for literals in tests. */
type Plain<T> = T extends unknown ? { readonly [K in keyof T]: T[K] extends t.Brand<unknown> ? string : T[K] } : never;

interface Then {
  /** The command is accepted and records exactly its event. */
  readonly accepted: () => void;
  /** The command is refused with exactly this error. */
  readonly refused: (error: Plain<DomainError>) => void;
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
