import { type AnyCommandInput, type CommandHandler, type Handled, type HandleError, serializeByCampaign } from "@tenfold/core";
import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import { formGroup } from "../testing-support/campaign.js";

/** A handler that records when each command starts and finishes, finishing only when released. */
const gated = () => {
  const log: string[] = [];
  const gates = new Map<string, () => void>();
  const handler: CommandHandler = {
    handle: (command: AnyCommandInput) => async () => {
      const name = command.type === "FormGroup" ? `${command.data.campaignId}/${command.data.groupId}` : command.type;
      log.push(`start ${name}`);
      await new Promise<void>((resolve) => gates.set(name, resolve));
      log.push(`end ${name}`);
      return E.right<HandleError, Handled>({ recorded: [], nextExpectedRevision: 0n });
    },
  };
  const release = async (name: string): Promise<void> => {
    for (let i = 0; i < 100 && !gates.has(name); i++) await new Promise((resolve) => setImmediate(resolve));
    gates.get(name)?.();
    gates.delete(name);
  };
  return { handler, log, release };
};

describe("serializeByCampaign", () => {
  it("runs one command per campaign at a time, in arrival order, and campaigns side by side", async () => {
    const { handler, log, release } = gated();
    const serial = serializeByCampaign(handler);
    const results = Promise.all([
      serial.handle(formGroup("c-1", "a"))(),
      serial.handle(formGroup("c-1", "b"))(),
      serial.handle(formGroup("c-2", "x"))(),
    ]);
    await release("c-2/x");
    await release("c-1/a");
    await release("c-1/b");
    expect((await results).every(E.isRight)).toBe(true);
    expect(log).toEqual(["start c-1/a", "start c-2/x", "end c-2/x", "end c-1/a", "start c-1/b", "end c-1/b"]);
  });

  it("goes on with a campaign's next command after one that failed", async () => {
    let calls = 0;
    const throwing: CommandHandler = {
      handle: () => () => (++calls === 1 ? Promise.reject(new Error("defect")) : Promise.resolve(E.right({ recorded: [], nextExpectedRevision: 0n }))),
    };
    const serial = serializeByCampaign(throwing);
    const first = serial.handle(formGroup("c-1", "a"))();
    const second = serial.handle(formGroup("c-1", "b"))();
    await expect(first).rejects.toThrow("defect");
    expect(E.isRight(await second)).toBe(true);
  });
});
