import { randomBytes } from "node:crypto";

/** Crockford base32 without I, L, O, U: nothing to misread when typed from paper. */
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** `KMU-XXXX-XXXX-XXXX`: 60 random bits, printed on the certificate and the stamp band. */
export const VERIFICATION_CODE = /^KMU-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/;

export const newVerificationCode = (random: (n: number) => Uint8Array = randomBytes): string => {
  const bytes = random(12);
  const chars = Array.from(bytes, (b) => ALPHABET[b & 31]).join("");
  return `KMU-${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8, 12)}`;
};
