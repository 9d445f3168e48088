/**
 * Text from files (YAML keys and values quoted in messages, file names) printed on a terminal:
 * control characters would let a config file clear the screen, retitle the window or hide
 * output (`ESC [2J`, `ESC ]0;…BEL`), and bidirectional controls would make a line read
 * differently from what it says (U+202E). They are printed escaped instead.
 */

/** C0, DEL and C1 controls; bidi embeddings, overrides, isolates and marks; Unicode line separators. */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** `text` with every control and bidi character escaped: `\x1b` for C0, DEL and C1, `\u202e` for the others. */
export function terminalSafe(text: string): string {
  return text.replace(UNSAFE, (c) => {
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/** Characters JSON.stringify leaves raw but a terminal acts on (it escapes C0 itself). */
const UNSAFE_IN_JSON = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * JSON text with DEL, C1 and bidi characters as `\uXXXX` escapes: the same JSON value (they can
 * only occur inside strings), safe to print.
 */
export function jsonTerminalSafe(json: string): string {
  return json.replace(UNSAFE_IN_JSON, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
