import { test } from "@fast-check/vitest";
import * as E from "fp-ts/lib/Either.js";
import { expect } from "vitest";
import { initialCampaignState } from "../decider/CampaignState.js";
import { checkEvent } from "../decider/decide.js";
import { evolve } from "../decider/evolve.js";
import { validHistoryArb } from "./history.js";

test.prop([validHistoryArb])("every generated history passes every rule, event by event", (history) => {
  let state = initialCampaignState();
  for (const [index, event] of history.entries()) {
    const checked = checkEvent(state, event);
    expect({ index, checked }).toEqual({ index, checked: E.right(event) });
    state = evolve(state, event);
  }
});
