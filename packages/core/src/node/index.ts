/**
 * @tenfold/core/node — Node defaults for the platform services core is given by injection.
 * @packageDocumentation
 */
import { createHash } from "node:crypto";
import type { Sha256 } from "../seal/seal.js";

/** SHA-256 from node:crypto. */
export const nodeSha256: Sha256 = { hex: (text) => createHash("sha256").update(text, "utf8").digest("hex") };
