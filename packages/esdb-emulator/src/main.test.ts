import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { EventStoreDBClient, jsonEvent } from "@eventstore/db-client";
import { describe, expect, it } from "vitest";
import { WAIT_LIMIT_MS } from "./testing-support/harness.js";

const script = fileURLToPath(new URL("../dist/main.js", import.meta.url));

// The standalone entry runs from the build: `pnpm test` builds before it runs the tests.
describe("standalone entry (dist/main.js)", () => {
  it("prints exactly the connection string once ready, serves the real client, and exits 0 on SIGTERM", async () => {
    const child = spawn(process.execPath, [script], { env: { ...process.env, PORT: "0" }, stdio: ["ignore", "pipe", "pipe"] });
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    try {
      const firstLine = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error("no connection string printed")), WAIT_LIMIT_MS);
        let output = "";
        child.stdout.on("data", (chunk: Buffer) => {
          output += chunk.toString("utf8");
          if (output.includes("\n")) {
            clearTimeout(timer);
            resolve(output);
          }
        });
      });
      expect(firstLine).toMatch(/^esdb:\/\/127\.0\.0\.1:\d+\?tls=false\n$/);
      const client = EventStoreDBClient.connectionString(firstLine.trim());
      const result = await client.appendToStream("s", jsonEvent({ type: "T", data: {} }));
      expect(result.nextExpectedRevision).toBe(0n);
      await client.dispose();
    } finally {
      child.kill("SIGTERM");
    }
    expect(await exited).toBe(0);
  });
});
