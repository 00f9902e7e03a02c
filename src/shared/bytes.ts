/**
 * grub.conf may hold bytes that are not UTF-8 (titles typed on a latin1
 * console, say). Decoding as latin1 maps every byte to one char and back, so
 * an edit never re-encodes what it did not touch.
 */
export function bytesToText(buf: Buffer): string {
  return buf.toString('latin1');
}

export function textToBytes(text: string): Buffer {
  return Buffer.from(text, 'latin1');
}

/** For showing a latin1-held string to a person or in JSON: UTF-8 where it is valid. */
export function displayText(text: string): string {
  return Buffer.from(text, 'latin1').toString('utf8');
}

/** Text typed by a user (argv is decoded as UTF-8) in the file's latin1 form. */
export function userTextToFileText(text: string): string {
  return Buffer.from(text, 'utf8').toString('latin1');
}
