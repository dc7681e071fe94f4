/*
 * Hashes, commitments and salts are checked on every line an audit reads, two to four times a
 * line; a regular expression spent about 300 ns on each 64-digit check, a table of code units a
 * third of that.
 */

/** 1 at the code units of `0`–`9` and `a`–`f`, 0 elsewhere below 128. */
const LOWER_HEX_DIGIT = new Uint8Array(128);
for (const digit of "0123456789abcdef") LOWER_HEX_DIGIT[digit.charCodeAt(0)] = 1;

/** @internal Whether `s` is exactly `digits` lowercase hex digits: what `/^[0-9a-f]{digits}$/` tests. */
export const isLowerHex = (s: string, digits: number): boolean => {
  if (s.length !== digits) return false;
  for (let i = 0; i < digits; i++) {
    const unit = s.charCodeAt(i);
    if (unit >= 128 || LOWER_HEX_DIGIT[unit] === 0) return false;
  }
  return true;
};
