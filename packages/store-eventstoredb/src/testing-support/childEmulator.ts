import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

/** The standalone emulator's entry, built by `npx tsc -b`. */
export const EMULATOR_MAIN = fileURLToPath(new URL("../../../esdb-emulator/dist/main.js", import.meta.url));

/** Whether the standalone emulator has been built. */

/** An emulator in a child process (a real socket between client and server), and how to stop it. */
export interface ChildEmulator {
  readonly connectionString: string;
  readonly stop: () => void;
}

/** Starts the standalone emulator in a child process and waits for its connection string. */
export const startChildEmulator = (): Promise<ChildEmulator> =>
  new Promise((resolve, reject) => {
    const child: ChildProcess = spawn(process.execPath, [EMULATOR_MAIN], { stdio: ["ignore", "pipe", "inherit"] });
    const stop = (): void => {
      child.kill("SIGTERM");
    };
    let out = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      out += chunk.toString("utf8");
      const line = out.split("\n")[0];
      if (out.includes("\n") && line !== undefined) resolve({ connectionString: line.trim(), stop });
    });
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`the emulator exited with ${String(code)}`)));
  });
