// Marks the words of a passage that the question shares (as text nodes and <mark>, never HTML).
import { h } from '../ui/dom.js';

const WORD = /[\p{L}\p{N}]+(?:['’\-][\p{L}\p{N}]+)*/gu;

/** `text` as nodes with the words `hit` accepts (lower-cased) wrapped in <mark>. */
export function highlighted(text: string, hit: (word: string) => boolean): Node[] {
  const out: Node[] = [];
  let at = 0;
  for (const m of text.matchAll(WORD)) {
    if (!hit(m[0].toLowerCase())) continue;
    if (m.index > at) out.push(document.createTextNode(text.slice(at, m.index)));
    out.push(h('mark', null, m[0]));
    at = m.index + m[0].length;
  }
  if (at < text.length) out.push(document.createTextNode(text.slice(at)));
  return out;
}
