// Tokens the way GloVe's vocabulary spells them: lower case, contractions split off ("don't" →
// "do" + "n't", "city's" → "city" + "'s"), hyphenated words kept when known, else split, and
// abbreviations keep their final dot when the vocabulary has them so ("u.s.", "mr.").

const WORD = /[\p{L}\p{N}]+(?:['’.\-][\p{L}\p{N}]+)*/gu;
const CLITIC = /^(.+?)(n't|'s|'re|'ve|'ll|'d|'m)$/;

/** Lower-cased word tokens of `text` (punctuation dropped); `known` picks between spellings. */
export function tokenize(text: string, known?: (word: string) => boolean): string[] {
  const out: string[] = [];
  const lower = text.toLowerCase().replace(/’/g, "'");
  for (const m of lower.matchAll(WORD)) {
    const raw = m[0];
    if (known !== undefined && lower[m.index + raw.length] === '.' && known(`${raw}.`)) {
      out.push(`${raw}.`);
      continue;
    }
    if (known === undefined || known(raw)) {
      out.push(raw);
      continue;
    }
    const clitic = CLITIC.exec(raw);
    if (clitic) {
      pushParts(clitic[1]!, out, known);
      out.push(clitic[2]!);
      continue;
    }
    pushParts(raw, out, known);
  }
  return out;
}

function pushParts(word: string, out: string[], known: (word: string) => boolean): void {
  if (known(word)) {
    out.push(word);
    return;
  }
  const trimmed = word.replace(/\.+$/, '');
  if (trimmed !== word && known(trimmed)) {
    out.push(trimmed);
    return;
  }
  for (const part of word.split(/['.\-]+/)) if (part !== '') out.push(part);
}
