/**
 * A key given twice in one JSON object. JSON.parse keeps the last silently: in a hand-edited settings file
 * (a block pasted above the one already there) the block the operator meant is dropped without a word.
 * @module
 */

export interface RepeatedKey {
  /** Its key path, as settings errors write it: `pricing.special[0].from`. */
  path: string;
  /** The lines (from 1) it is given at first and again. */
  lines: [number, number];
}

interface Frame {
  path: string;
  /** An object's keys so far (by where they start); undefined in a list. */
  keys?: Map<string, number>;
  key?: string;
  index: number;
}

/** The first key given twice within one object of `text`, which must be valid JSON. */
export function repeatedKey(text: string): RepeatedKey | undefined {
  const stack: Frame[] = [];
  let atKey = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      let end = i + 1;
      while (text[end] !== '"') end += text[end] === "\\" ? 2 : 1;
      const top = stack.at(-1);
      if (atKey && top?.keys) {
        const key = JSON.parse(text.slice(i, end + 1)) as string;
        const first = top.keys.get(key);
        if (first !== undefined) {
          return { path: join(top.path, key), lines: [lineOf(text, first), lineOf(text, i)] };
        }
        top.keys.set(key, i);
        top.key = key;
        atKey = false;
      }
      i = end;
    } else if (c === "{" || c === "[") {
      const parent = stack.at(-1);
      const path = !parent
        ? ""
        : parent.keys
        ? join(parent.path, parent.key!)
        : `${parent.path}[${parent.index}]`;
      stack.push(c === "{" ? { path, keys: new Map(), index: 0 } : { path, index: 0 });
      atKey = c === "{";
    } else if (c === "}" || c === "]") {
      stack.pop();
    } else if (c === ",") {
      const top = stack.at(-1);
      if (top?.keys) atKey = true;
      else if (top) top.index++;
    }
  }
  return undefined;
}

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

function lineOf(text: string, pos: number): number {
  let line = 1;
  for (let i = 0; i < pos; i++) if (text[i] === "\n") line++;
  return line;
}
