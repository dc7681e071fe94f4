import { sharedPb, type SharedPb } from "./proto.js";

const CANONICAL = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const BRACED = /^\{([0-9a-f-]{36})\}$/;
const BARE = /^[0-9a-f]{32}$/;
const U64 = 1n << 64n;

const fromHex = (hex: string): string =>
  `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;

/** Normalises a UUID string the way .NET's Guid.Parse accepts it; undefined when invalid. */
export const canonicalUuid = (text: string): string | undefined => {
  const lower = text.trim().toLowerCase();
  const inner = BRACED.exec(lower)?.[1] ?? lower;
  if (CANONICAL.test(inner)) return inner;
  return BARE.test(inner) ? fromHex(inner) : undefined;
};

const signedToHex = (decimal: string): string => {
  const value = BigInt(decimal);
  return (value < 0n ? value + U64 : value).toString(16).padStart(16, "0");
};

const hexToSigned = (hex: string): string => BigInt.asIntN(64, BigInt(`0x${hex}`)).toString(10);

/** Reads a UUID message (string or structured form) as a canonical lowercase UUID string. */
export const readUuid = (uuid: SharedPb.UUID | undefined): string | undefined => {
  if (uuid === undefined) return undefined;
  if (uuid.hasStructured()) {
    const structured = uuid.getStructured();
    if (structured === undefined) return undefined;
    try {
      return fromHex(signedToHex(structured.getMostSignificantBits()) + signedToHex(structured.getLeastSignificantBits()));
    } catch {
      return undefined;
    }
  }
  return uuid.hasString() ? canonicalUuid(uuid.getString()) : undefined;
};

/** Writes a canonical UUID in the form the reader asked for (string, or structured int64 halves). */
export const writeUuid = (id: string, structured: boolean): SharedPb.UUID => {
  const uuid = new sharedPb.UUID();
  if (!structured) return uuid.setString(id);
  const hex = id.replaceAll("-", "");
  const halves = new sharedPb.UUID.Structured();
  halves.setMostSignificantBits(hexToSigned(hex.slice(0, 16)));
  halves.setLeastSignificantBits(hexToSigned(hex.slice(16)));
  return uuid.setStructured(halves);
};
