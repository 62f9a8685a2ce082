/**
 * Export values end up in one-line warnings and in comment lines; a control character in a name
 * (a newline, a carriage return) is shown escaped (`\n`) so it cannot start a line of its own.
 */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/g;

export function oneLine(text: string): string {
  return text.replace(CONTROL, (ch) => JSON.stringify(ch).slice(1, -1));
}
