/**
 * Text from a user's file cut to `max` characters for a message, with an
 * ellipsis in the middle: both ends (a registry and a tag, a host and a file
 * name) stay, and the message keeps to a terminal line.
 */
export function shorten(text: string, max = 48): string {
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  const keep = max - 1;
  const head = Math.ceil(keep / 2);
  return `${chars.slice(0, head).join("")}…${chars.slice(chars.length - (keep - head)).join("")}`;
}
