/**
 * A password kept out of an outside system's message text.
 * @module
 */

/** What a masked secret reads as in a message. */
const MASK = "********";

/**
 * `text` with every occurrence of `secret` masked. A secret under four characters is left alone: masking it
 * would blank out ordinary text ("10.0.0.123" for "123") and, by where the mask falls, tell the secret.
 */
export function maskSecret(text: string, secret: string): string {
  return secret.length >= 4 ? text.split(secret).join(MASK) : text;
}
