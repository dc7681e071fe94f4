/*
 * Signed notes (C2SP signed-note v1.0.0; DOMAIN.md, Signed log): a text ending in a newline, a
 * blank line, then signature lines `— <key name> base64(key ID ‖ signature)`. Keys in the
 * signed-note formats: verifier `<name>+<key ID>+base64(type ‖ public key)`, signer
 * `PRIVATE+KEY+<name>+<key ID>+base64(type ‖ seed)`, key ID = SHA-256(name ‖ 0x0A ‖ type ‖ public
 * key)[:4]. Ed25519 is injected (`Ed25519`; `nodeEd25519` in `@tenfold/core/node`): no curve
 * arithmetic here.
 */
import * as E from "fp-ts/lib/Either.js";
import type { Sha256Digest } from "./merkle.js";

// model

/** Ed25519 (RFC 8032) as the notes need it: injected, like the hashes. */
export interface Ed25519 {
  /** The 32-byte public key of a 32-byte seed. */
  readonly publicKeyOf: (seed: Uint8Array) => Uint8Array;
  /** The 64-byte signature of `message` by the key of `seed`. */
  readonly sign: (seed: Uint8Array, message: Uint8Array) => Uint8Array;
  /** Whether `signature` is `publicKey`'s over `message`. */
  readonly verify: (publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array) => boolean;
}

/** The signature types Tenfold uses (signed-note's assigned bytes): Ed25519 notes and tlog-cosignature v1. */
export type SignatureType = "ed25519" | "cosignature";

/** A verifier key: who signs, with what, and the key ID that names the pair in signature lines. */
export interface VerifierKey {
  readonly name: string;
  /** Hex, 8 lowercase digits. */
  readonly keyId: string;
  readonly type: SignatureType;
  readonly publicKey: Uint8Array;
}

/** A signer key: the verifier key's fields and the 32-byte seed. Never printed. */
export interface SignerKey extends VerifierKey {
  readonly seed: Uint8Array;
}

/** One signature line of a note. */
export interface NoteSignature {
  readonly name: string;
  /** Hex, 8 lowercase digits: the first four bytes of the signature. */
  readonly keyId: string;
  /** The bytes after the key ID. */
  readonly signature: Uint8Array;
}

/** A note split into its text (final newline included) and its signatures, unverified. */
export interface ParsedNote {
  readonly text: string;
  readonly signatures: ReadonlyArray<NoteSignature>;
}

/** A note whose signatures by known keys all verified (at least one). */
export interface OpenedNote extends ParsedNote {
  /** The known keys whose signatures verified, in the order of the lines. */
  readonly verifiedBy: ReadonlyArray<VerifierKey>;
}

/** Why a key or a note is refused. `line` is 1-based, in the note's text. */
export type NoteProblem =
  | { readonly _tag: "MalformedKey"; readonly reason: string }
  | { readonly _tag: "MalformedNote"; readonly line: number | null; readonly reason: string }
  | { readonly _tag: "TooManySignatures"; readonly count: number; readonly limit: number }
  | { readonly _tag: "BadSignature"; readonly line: number; readonly name: string; readonly keyId: string }
  | { readonly _tag: "NoKnownSignature"; readonly names: ReadonlyArray<string> };

/** The most signature lines a note may have. The spec asks to accept at least 16. */
export const MAX_NOTE_SIGNATURES = 100;

// utils

const TYPE_BYTE: Readonly<Record<SignatureType, number>> = { ed25519: 0x01, cosignature: 0x04 };
const UTF8 = new TextEncoder();
const KEY_ID = /^[0-9a-f]{8}$/;
const EM_DASH = "\u2014";
/** With the u flag, a surrogate range matches only surrogates that are not half of a pair. */
const LONE_SURROGATE = /[\ud800-\udfff]/u;

const malformedKey = (reason: string): NoteProblem => ({ _tag: "MalformedKey", reason });
const malformedNote = (line: number | null, reason: string): NoteProblem => ({ _tag: "MalformedNote", line, reason });

const toHex = (bytes: Uint8Array): string => Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");

/** Standard base64 (RFC 4648 §4) of bytes. */
export const base64Of = (bytes: Uint8Array): string => {
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
};

/** The bytes of canonical standard base64 (padding required, no spare bits), or undefined. */
export const bytesOfBase64 = (text: string): Uint8Array | undefined => {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0) return undefined;
  let binary: string;
  try {
    binary = atob(text);
  } catch {
    return undefined;
  }
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  return base64Of(bytes) === text ? bytes : undefined;
};

/** Why a key name is not one (signed-note: non-empty, no Unicode space, no plus), or undefined. */
const badName = (name: string): string | undefined => {
  if (name.length === 0) return "the key name is empty";
  if (/[\s+]/u.test(name)) return `the key name "${name}" holds a space or a plus`;
  if (/[\u0000-\u001f\u007f]/.test(name)) return "the key name holds a control character";
  return undefined;
};

const noteOf = (lines: ReadonlyArray<string>): string => lines.join("\n");

// constructors

/** The key ID of a key: the first four bytes of SHA-256(name ‖ 0x0A ‖ type ‖ public key), as 8 hex digits. */
export const keyIdOf = (sha256: Sha256Digest, name: string, type: SignatureType, publicKey: Uint8Array): string => {
  const nameBytes = UTF8.encode(name);
  const bytes = new Uint8Array(nameBytes.length + 2 + publicKey.length);
  bytes.set(nameBytes, 0);
  bytes[nameBytes.length] = 0x0a;
  bytes[nameBytes.length + 1] = TYPE_BYTE[type];
  bytes.set(publicKey, nameBytes.length + 2);
  return toHex(sha256.digest(bytes).subarray(0, 4));
};

/** A signer key from a name and a 32-byte seed (of a random source: see `tenfold keygen`). Throws a RangeError for a bad name or seed. */
export const signerKeyOf = (platform: { readonly sha256: Sha256Digest; readonly ed25519: Ed25519 }, name: string, type: SignatureType, seed: Uint8Array): SignerKey => {
  const bad = badName(name);
  if (bad !== undefined) throw new RangeError(bad);
  if (seed.length !== 32) throw new RangeError(`an Ed25519 seed is 32 bytes, got ${seed.length}`);
  const publicKey = platform.ed25519.publicKeyOf(seed);
  return { name, keyId: keyIdOf(platform.sha256, name, type, publicKey), type, publicKey, seed };
};

/** The verifier key of a signer key. */
export const verifierOf = (signer: SignerKey): VerifierKey => ({ name: signer.name, keyId: signer.keyId, type: signer.type, publicKey: signer.publicKey });

/** A verifier key in signed-note's text form. */
export const formatVerifierKey = (key: VerifierKey): string => `${key.name}+${key.keyId}+${base64Of(new Uint8Array([TYPE_BYTE[key.type], ...key.publicKey]))}`;

/** A signer key in signed-note's text form (`PRIVATE+KEY+…`): for its file only, never for a message or a log. */
export const formatSignerKey = (key: SignerKey): string => `PRIVATE+KEY+${key.name}+${key.keyId}+${base64Of(new Uint8Array([TYPE_BYTE[key.type], ...key.seed]))}`;

const parseKeyParts = (text: string, what: "verifier" | "signer"): E.Either<NoteProblem, { name: string; keyId: string; type: SignatureType; material: Uint8Array }> => {
  const first = text.indexOf("+");
  const second = first < 0 ? -1 : text.indexOf("+", first + 1);
  if (first < 0 || second < 0) return E.left(malformedKey(`a ${what} key is ${what === "signer" ? "PRIVATE+KEY+" : ""}<name>+<key ID>+<base64>`));
  const name = text.slice(0, first);
  const keyId = text.slice(first + 1, second);
  const bad = badName(name);
  if (bad !== undefined) return E.left(malformedKey(bad));
  if (!KEY_ID.test(keyId)) return E.left(malformedKey("the key ID is not 8 lowercase hex digits"));
  const bytes = bytesOfBase64(text.slice(second + 1));
  if (bytes === undefined) return E.left(malformedKey("the key material is not canonical base64"));
  const type = bytes[0] === TYPE_BYTE.ed25519 ? "ed25519" : bytes[0] === TYPE_BYTE.cosignature ? "cosignature" : undefined;
  if (type === undefined) return E.left(malformedKey(`the key type ${bytes[0] === undefined ? "is missing" : `0x${bytes[0].toString(16).padStart(2, "0")} is not Ed25519 (0x01) or a cosignature (0x04)`}`));
  const material = bytes.subarray(1);
  if (material.length !== 32) return E.left(malformedKey(`an Ed25519 key is 32 bytes, this one ${material.length}`));
  return E.right({ name, keyId, type, material });
};

/** Parses a verifier key; its key ID must be the one its name, type and public key give. */
export const parseVerifierKey = (sha256: Sha256Digest, text: string): E.Either<NoteProblem, VerifierKey> =>
  E.flatMap(({ name, keyId, type, material }: { name: string; keyId: string; type: SignatureType; material: Uint8Array }) =>
    keyIdOf(sha256, name, type, material) === keyId ? E.right({ name, keyId, type, publicKey: material }) : E.left(malformedKey(`the key ID ${keyId} is not that of the key`)),
  )(parseKeyParts(text, "verifier"));

/** Parses a signer key (`PRIVATE+KEY+…`); its key ID must be the one of the public key its seed gives. The message never holds the key. */
export const parseSignerKey = (platform: { readonly sha256: Sha256Digest; readonly ed25519: Ed25519 }, text: string): E.Either<NoteProblem, SignerKey> => {
  if (!text.startsWith("PRIVATE+KEY+")) return E.left(malformedKey("a signer key starts with PRIVATE+KEY+"));
  return E.flatMap(({ name, keyId, type, material }: { name: string; keyId: string; type: SignatureType; material: Uint8Array }) => {
    const key = signerKeyOf(platform, name, type, material);
    return key.keyId === keyId ? E.right(key) : E.left(malformedKey(`the key ID ${keyId} is not that of the key`));
  })(parseKeyParts(text.slice("PRIVATE+KEY+".length), "signer"));
};

/** Splits a note by signed-note's text rules, each problem by its line. Signatures are not checked. */
export const parseNote = (note: string): E.Either<NoteProblem, ParsedNote> => {
  const lines = note.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const control = /[\u0000-\u0009\u000b-\u001f]/.exec(lines[i] ?? "");
    if (control !== null) return E.left(malformedNote(i + 1, `control character U+${control[0].charCodeAt(0).toString(16).padStart(4, "0").toUpperCase()} (only newlines are allowed)`));
    if (LONE_SURROGATE.test(lines[i] ?? "")) return E.left(malformedNote(i + 1, "not valid UTF-8 (a lone surrogate)"));
  }
  if (!note.endsWith("\n")) return E.left(malformedNote(lines.length, "a note ends with a newline"));
  lines.pop(); // after the final newline
  const blank = lines.lastIndexOf("");
  if (blank < 1) return E.left(malformedNote(null, "no blank line before the signatures, or no text before it"));
  const signatureLines = lines.slice(blank + 1);
  if (signatureLines.length === 0) return E.left(malformedNote(blank + 1, "no signature line after the blank line"));
  if (signatureLines.length > MAX_NOTE_SIGNATURES) return E.left({ _tag: "TooManySignatures", count: signatureLines.length, limit: MAX_NOTE_SIGNATURES });
  const signatures: NoteSignature[] = [];
  for (let j = 0; j < signatureLines.length; j++) {
    const lineNumber = blank + 2 + j;
    const line = signatureLines[j] as string;
    if (!line.startsWith(`${EM_DASH} `)) return E.left(malformedNote(lineNumber, 'a signature line starts with "— " (an em dash and a space)'));
    const rest = line.slice(2);
    const space = rest.indexOf(" ");
    if (space < 0) return E.left(malformedNote(lineNumber, "a signature line is — <key name> <base64 signature>"));
    const name = rest.slice(0, space);
    const bad = badName(name);
    if (bad !== undefined) return E.left(malformedNote(lineNumber, bad));
    const bytes = bytesOfBase64(rest.slice(space + 1));
    if (bytes === undefined) return E.left(malformedNote(lineNumber, "the signature is not canonical base64"));
    if (bytes.length < 5) return E.left(malformedNote(lineNumber, "a signature is a 4-byte key ID and at least one byte more"));
    signatures.push({ name, keyId: toHex(bytes.subarray(0, 4)), signature: bytes.subarray(4) });
  }
  return E.right({ text: `${noteOf(lines.slice(0, blank))}\n`, signatures });
};

/**
 * Opens a note against known keys (signed-note's rules): a signature whose name and key ID are
 * not both a known key's is ignored; a known key's signature must verify, else the note is
 * refused; and at least one must. Only Ed25519 (0x01) keys open notes here.
 */
export const openNote = (ed25519: Ed25519, note: string, known: ReadonlyArray<VerifierKey>): E.Either<NoteProblem, OpenedNote> => {
  const parsed = parseNote(note);
  if (E.isLeft(parsed)) return parsed;
  const { text, signatures } = parsed.right;
  const message = UTF8.encode(text);
  const firstSignatureLine = text.split("\n").length + 1;
  const verifiedBy: VerifierKey[] = [];
  for (let j = 0; j < signatures.length; j++) {
    const s = signatures[j] as NoteSignature;
    const key = known.find((k) => k.type === "ed25519" && k.name === s.name && k.keyId === s.keyId);
    if (key === undefined) continue;
    if (s.signature.length !== 64 || !ed25519.verify(key.publicKey, message, s.signature)) {
      return E.left({ _tag: "BadSignature", line: firstSignatureLine + j, name: s.name, keyId: s.keyId });
    }
    verifiedBy.push(key);
  }
  if (verifiedBy.length === 0) return E.left({ _tag: "NoKnownSignature", names: [...new Set(signatures.map((s) => s.name))] });
  return E.right({ text, signatures, verifiedBy });
};

/** @internal The four bytes a key's signature lines start with. */
export const keyIdBytes = (key: VerifierKey): Uint8Array => Uint8Array.from(key.keyId.match(/../g) ?? [], (h) => Number.parseInt(h, 16));

/** The signature line of `signer` over a note text (which must end with a newline). */
export const signatureLine = (ed25519: Ed25519, signer: SignerKey, text: string): string => {
  const signature = ed25519.sign(signer.seed, UTF8.encode(text));
  return `${EM_DASH} ${signer.name} ${base64Of(new Uint8Array([...keyIdBytes(signer), ...signature]))}`;
};

/** A signed note: the text, a blank line, one signature line per signer, in order. Throws a RangeError for a text that breaks the note rules. */
export const signNote = (ed25519: Ed25519, text: string, signers: ReadonlyArray<SignerKey>): string => {
  if (!text.endsWith("\n") || /[\u0000-\u0009\u000b-\u001f]/.test(text) || LONE_SURROGATE.test(text)) throw new RangeError("a note text is UTF-8 without control characters but newlines, ending with a newline");
  if (signers.length === 0) throw new RangeError("a note needs at least one signer");
  return `${text}\n${signers.map((s) => `${signatureLine(ed25519, s, text)}\n`).join("")}`;
};

/** What a note problem means, in a sentence; a signer key is never quoted. */
export const describeNoteProblem = (problem: NoteProblem): string => {
  switch (problem._tag) {
    case "MalformedKey":
      return `malformed key: ${problem.reason}`;
    case "MalformedNote":
      return problem.line === null ? `malformed note: ${problem.reason}` : `line ${problem.line}: ${problem.reason}`;
    case "TooManySignatures":
      return `the note has ${problem.count} signature lines; at most ${problem.limit} are read`;
    case "BadSignature":
      return `line ${problem.line}: the signature of ${problem.name} (key ${problem.keyId}) does not verify`;
    case "NoKnownSignature":
      return `no signature by a known key (signed by ${problem.names.join(", ") || "no one"})`;
  }
};
