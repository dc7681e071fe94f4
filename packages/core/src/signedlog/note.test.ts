import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import { nodeEd25519 as ed25519, nodeSha256Digest as sha256 } from "../node/index.js";
import {
  describeNoteProblem,
  formatSignerKey,
  formatVerifierKey,
  keyIdOf,
  MAX_NOTE_SIGNATURES,
  openNote,
  parseNote,
  parseSignerKey,
  parseVerifierKey,
  type SignerKey,
  signerKeyOf,
  signNote,
  verifierOf,
} from "./note.js";

const platform = { sha256, ed25519 };

/* The known answer of golang.org/x/mod's sumdb/note, whose format signed-note specifies. */
const PETER_VKEY = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
const PETER_SKEY = "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";
const PETER_TEXT = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
const PETER_NOTE = `${PETER_TEXT}\n— PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n`;

const right = <A>(e: E.Either<unknown, A>): A => {
  if (E.isLeft(e)) throw new Error(`expected right, got ${JSON.stringify(e.left)}`);
  return e.right;
};

const seedOf = (n: number): Uint8Array => Uint8Array.from({ length: 32 }, (_, i) => (i * 31 + n) & 0xff);
const signer = (name: string, n: number): SignerKey => signerKeyOf(platform, name, "ed25519", seedOf(n));
const LOG = signer("xining.example.gov.cn/tenfold", 1);
const OTHER = signer("elsewhere.example/log", 2);

describe("signed-note keys", () => {
  it("parses the known verifier and signer keys and writes them back byte for byte", () => {
    const vkey = right(parseVerifierKey(sha256, PETER_VKEY));
    expect(vkey).toMatchObject({ name: "PeterNeumann", keyId: "c74f20a3", type: "ed25519" });
    expect(formatVerifierKey(vkey)).toBe(PETER_VKEY);
    const skey = right(parseSignerKey(platform, PETER_SKEY));
    expect(formatSignerKey(skey)).toBe(PETER_SKEY);
    expect(formatVerifierKey(verifierOf(skey))).toBe(PETER_VKEY);
  });

  it("computes key IDs as SHA-256(name ‖ 0x0A ‖ type ‖ key)[:4], the type byte included", () => {
    const vkey = right(parseVerifierKey(sha256, PETER_VKEY));
    expect(keyIdOf(sha256, "PeterNeumann", "ed25519", vkey.publicKey)).toBe("c74f20a3");
    expect(keyIdOf(sha256, "PeterNeumann", "cosignature", vkey.publicKey)).not.toBe("c74f20a3");
    const witness = signerKeyOf(platform, "witness.example/w1", "cosignature", seedOf(9));
    expect(formatVerifierKey(witness).split("+")[2]?.startsWith("B")).toBe(true); // base64 of 0x04 ‖ …
    expect(right(parseVerifierKey(sha256, formatVerifierKey(witness)))).toEqual(verifierOf(witness));
  });

  it.each([
    ["no plus", "PeterNeumann", "a verifier key is <name>+<key ID>+<base64>"],
    ["a key ID of 7 digits", PETER_VKEY.replace("c74f20a3", "c74f20a"), "the key ID is not 8 lowercase hex digits"],
    ["an uppercase key ID", PETER_VKEY.replace("c74f20a3", "C74F20A3"), "the key ID is not 8 lowercase hex digits"],
    ["a key ID of another key", PETER_VKEY.replace("c74f20a3", "c74f20a4"), "the key ID c74f20a4 is not that of the key"],
    ["base64 that is not canonical", `${PETER_VKEY}=`, "the key material is not canonical base64"],
    ["a space in the name", PETER_VKEY.replace("PeterNeumann", "Peter Neumann"), 'the key name "Peter Neumann" holds a space or a plus'],
    ["an empty name", PETER_VKEY.replace("PeterNeumann", ""), "the key name is empty"],
    ["an unknown type", "a+00000000+AgAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "the key type 0x02 is not Ed25519 (0x01) or a cosignature (0x04)"],
    ["a short key", "a+00000000+AQID", "an Ed25519 key is 32 bytes, this one 2"],
  ])("refuses a verifier key with %s", (_, text, reason) => {
    expect(parseVerifierKey(sha256, text)).toEqual(E.left({ _tag: "MalformedKey", reason }));
  });

  it("refuses a signer key without its prefix, and never quotes it", () => {
    const refused = parseSignerKey(platform, PETER_SKEY.replace("PRIVATE+KEY+", ""));
    expect(refused).toEqual(E.left({ _tag: "MalformedKey", reason: "a signer key starts with PRIVATE+KEY+" }));
    const wrongId = parseSignerKey(platform, PETER_SKEY.replace("c74f20a3", "00000000"));
    expect(E.isLeft(wrongId) && describeNoteProblem(wrongId.left)).toBe("malformed key: the key ID 00000000 is not that of the key");
    expect(JSON.stringify(wrongId)).not.toContain("AYEKFALV");
  });
});

describe("signed notes", () => {
  it("signs the known note byte for byte (Ed25519 is deterministic) and opens it with the known key", () => {
    expect(signNote(ed25519, PETER_TEXT, [right(parseSignerKey(platform, PETER_SKEY))])).toBe(PETER_NOTE);
    const opened = right(openNote(ed25519, PETER_NOTE, [right(parseVerifierKey(sha256, PETER_VKEY))]));
    expect(opened.text).toBe(PETER_TEXT);
    expect(opened.verifiedBy.map((k) => k.name)).toEqual(["PeterNeumann"]);
  });

  it("refuses a known key's signature over a changed text, naming its line", () => {
    const changed = PETER_NOTE.replace("cryptography", "cryptographY");
    expect(openNote(ed25519, changed, [right(parseVerifierKey(sha256, PETER_VKEY))])).toEqual(E.left({ _tag: "BadSignature", line: 4, name: "PeterNeumann", keyId: "c74f20a3" }));
  });

  it("ignores signatures by unknown keys, also one that shares a name or a key ID (not both) with a known key", () => {
    const impostor = signer(LOG.name, 3); // same name, another key, so another key ID
    const note = signNote(ed25519, "origin\n7\nroot\n", [impostor, OTHER, LOG]);
    const opened = right(openNote(ed25519, note, [verifierOf(LOG)]));
    expect(opened.verifiedBy).toEqual([verifierOf(LOG)]);
    expect(opened.signatures.map((s) => s.name)).toEqual([LOG.name, OTHER.name, LOG.name]);
  });

  it("refuses a note with no signature by a known key", () => {
    const note = signNote(ed25519, "origin\n7\nroot\n", [OTHER]);
    expect(openNote(ed25519, note, [verifierOf(LOG)])).toEqual(E.left({ _tag: "NoKnownSignature", names: [OTHER.name] }));
  });

  it("refuses a note when one known key verifies and another known key's signature does not", () => {
    const text = "origin\n7\nroot\n";
    const good = signNote(ed25519, text, [LOG]);
    const forged = signNote(ed25519, "origin\n8\nroot\n", [OTHER]).split("\n").at(-2) ?? "";
    const note = `${good}${forged}\n`;
    expect(openNote(ed25519, note, [verifierOf(LOG), verifierOf(OTHER)])).toEqual(E.left({ _tag: "BadSignature", line: 6, name: OTHER.name, keyId: OTHER.keyId }));
  });

  it(`accepts 16 signature lines, and up to ${MAX_NOTE_SIGNATURES}; refuses more`, () => {
    const text = "origin\n7\nroot\n";
    const line = signNote(ed25519, text, [OTHER]).split("\n").at(-2) ?? "";
    const withLines = (n: number): string => `${signNote(ed25519, text, [LOG])}${`${line}\n`.repeat(n - 1)}`;
    expect(E.isRight(openNote(ed25519, withLines(16), [verifierOf(LOG)]))).toBe(true);
    expect(E.isRight(openNote(ed25519, withLines(MAX_NOTE_SIGNATURES), [verifierOf(LOG)]))).toBe(true);
    expect(openNote(ed25519, withLines(MAX_NOTE_SIGNATURES + 1), [verifierOf(LOG)])).toEqual(E.left({ _tag: "TooManySignatures", count: 101, limit: 100 }));
  });

  it.each([
    ["no final newline", PETER_NOTE.slice(0, -1), 4, "a note ends with a newline"],
    ["a tab", PETER_NOTE.replace("If you", "If\tyou"), 1, "control character U+0009 (only newlines are allowed)"],
    ["a carriage return", PETER_NOTE.replace("problem,\n", "problem,\r\n"), 1, "control character U+000D (only newlines are allowed)"],
    ["a lone surrogate", PETER_NOTE.replace("If", "I\ud800"), 1, "not valid UTF-8 (a lone surrogate)"],
    ["no blank line", PETER_NOTE.replace("is.\n\n", "is.\n"), null, "no blank line before the signatures, or no text before it"],
    ["nothing after the blank line", `${PETER_TEXT}\n`, 3, "no signature line after the blank line"],
    ["a signature line without its em dash", PETER_NOTE.replace("— ", "- "), 4, 'a signature line starts with "— " (an em dash and a space)'],
    ["a signature line without a signature", `${PETER_TEXT}\n— PeterNeumann\n`, 4, "a signature line is — <key name> <base64 signature>"],
    ["a signature that is not base64", PETER_NOTE.replace("x08go/", "x08go!"), 4, "the signature is not canonical base64"],
    ["a signature of only a key ID", `${PETER_TEXT}\n— PeterNeumann AAAAAA==\n`, 4, "a signature is a 4-byte key ID and at least one byte more"],
  ])("refuses a note with %s, naming the line", (_, note, line, reason) => {
    const refused = parseNote(note);
    expect(refused).toEqual(E.left({ _tag: "MalformedNote", line, reason }));
    expect(openNote(ed25519, note, [right(parseVerifierKey(sha256, PETER_VKEY))])).toEqual(refused);
  });

  it("keeps blank lines inside the text: the last blank line separates the signatures", () => {
    const text = "first\n\nsecond\n";
    const opened = right(openNote(ed25519, signNote(ed25519, text, [LOG]), [verifierOf(LOG)]));
    expect(opened.text).toBe(text);
  });

  it("refuses to sign a text that breaks the note rules", () => {
    expect(() => signNote(ed25519, "no newline", [LOG])).toThrow(RangeError);
    expect(() => signNote(ed25519, "a\tb\n", [LOG])).toThrow(RangeError);
    expect(() => signNote(ed25519, "text\n", [])).toThrow(RangeError);
  });
});
