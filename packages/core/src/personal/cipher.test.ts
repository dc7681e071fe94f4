import { describe, expect, it } from "vitest";
import { nodePersonalCipher, nodeSha256 } from "../node/index.js";
import { commitPersonalValue, newSalt, opensCommitment, personalAssociatedData, webRandomBytes } from "./commitment.js";

describe("salts and commitments", () => {
  it("are 32 hex characters, never the same twice, and a commitment opens only with its salt and value", () => {
    const salts = Array.from({ length: 10_000 }, () => newSalt(webRandomBytes));
    expect(salts.every((s) => /^[0-9a-f]{32}$/.test(s))).toBe(true);
    expect(new Set(salts).size).toBe(salts.length);
    const [salt = "", other = ""] = salts;
    const commitment = commitPersonalValue(nodeSha256, salt, "王小明");
    expect(commitment).toBe(nodeSha256.hex(`${salt}\n"王小明"`));
    expect(opensCommitment(nodeSha256, commitment, salt, "王小明")).toBe(true);
    expect(opensCommitment(nodeSha256, commitment, other, "王小明")).toBe(false);
    expect(opensCommitment(nodeSha256, commitment, salt, "王小明 ")).toBe(false);
  });
});

describe("nodePersonalCipher (AES-256-GCM)", () => {
  const key = nodePersonalCipher.newKey();
  const aad = personalAssociatedData("00000000-0000-4000-8000-000000000001", "name", "a".repeat(64));

  it("opens what it sealed, with a new nonce every time", () => {
    const sealed = Array.from({ length: 10_000 }, () => nodePersonalCipher.encrypt(key, '{"salt":"s","value":"王小明"}', aad));
    expect(new Set(sealed.map((e) => e.nonce)).size).toBe(sealed.length);
    expect(sealed.every((e) => (e.algorithm as string) === "AES-256-GCM" && Buffer.from(e.nonce, "base64").length === 12)).toBe(true);
    expect(nodePersonalCipher.decrypt(key, sealed[0] as (typeof sealed)[0], aad)).toBe('{"salt":"s","value":"王小明"}');
  });

  it("opens nothing under another key, other associated data, or a changed byte", () => {
    const sealed = nodePersonalCipher.encrypt(key, "value", aad);
    expect(nodePersonalCipher.decrypt(nodePersonalCipher.newKey(), sealed, aad)).toBeNull();
    expect(nodePersonalCipher.decrypt(key, sealed, aad.replace("name", "title"))).toBeNull();
    const body = Buffer.from(sealed.ciphertext, "base64");
    body[0] = (body[0] ?? 0) ^ 1;
    expect(nodePersonalCipher.decrypt(key, { ...sealed, ciphertext: body.toString("base64") }, aad)).toBeNull();
    expect(nodePersonalCipher.decrypt(key, { ...sealed, nonce: "" }, aad)).toBeNull();
  });
});
