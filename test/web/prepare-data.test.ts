import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { detokenize, readBrown } from '../../apps/web/scripts/brown.js';
import { readWinkEmbeddings } from '../../apps/web/scripts/wink-stream.js';

const dir = mkdtempSync(join(tmpdir(), 'quiver-web-prep-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('readWinkEmbeddings', () => {
  // The package's layout in miniature: header, a word list holding the word "vectors" and an
  // escaped quote, then the vectors object [dims…, l2norm, rank], then unkVector.
  const words = ['the', '"', 'vectors', 'naïve', 'cat'];
  const vec = (i: number) => [i + 0.5, -i, 1e-3 * i];
  const file = join(dir, 'wink.json');
  writeFileSync(file, `{"precision":8,"l2NormIndex":3,"wordIndex":4,"size":5,"dimensions":3,"words":${JSON.stringify(words)},\n"vectors":{${words.map((w, i) => `${JSON.stringify(w)}:[${vec(i).join(',')},1.5,${i}]`).join(',')}},"unkVector":[0,0,0,0,-1]}`);

  for (const chunk of [3, 7, 64, 1 << 20]) {
    it(`parses the header and only the wanted vectors (reads of ${chunk} bytes)`, () => {
      let header: { size: number; words: readonly string[] } | undefined;
      const got: Array<[string, number[], number]> = [];
      readWinkEmbeddings(file, (h) => ((header = h), (w) => w !== 'the'), (w, v, rank) => got.push([w, [...v], rank]), chunk);
      expect(header?.words).toEqual(words);
      expect(header?.size).toBe(5);
      expect(got).toEqual(words.slice(1).map((w, k) => [w, vec(k + 1).map(Math.fround), k + 1]));
    });
  }

  it('names the file when the structure is wrong', () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{"dimensions":3,"wordIndex":4,"l2NormIndex":3,"size":1,"words":["a"],"vectors":{"a":[1,2]}}');
    expect(() => readWinkEmbeddings(bad, () => () => true, () => undefined)).toThrow(`${bad}: vector of "a" has 2 entries`);
    writeFileSync(bad, '{"words":["a"],"vectors":{}}');
    expect(() => readWinkEmbeddings(bad, () => () => true, () => undefined)).toThrow(`${bad}: header field "dimensions" is undefined`);
  });
});

describe('Brown Corpus passages', () => {
  it('detokenizes tagged text: quotes, dashes, punctuation and clitics attached', () => {
    expect(detokenize("The/at jury/nn said/vbd ``/`` it's/pps+bez fine/jj ''/'' --/-- (/( really/rb )/) ,/, ok/uh ./."))
      .toBe('The jury said "it\'s fine"—(really), ok.');
  });

  it('groups paragraphs into passages, cuts long ones at sentence ends, drops headlines, labels genres', () => {
    const b = join(dir, 'brown');
    const sentence = (n: number) => `${Array.from({ length: n }, (_, i) => `w${i}/nn`).join(' ')} ./.`;
    const long = Array.from({ length: 5 }, () => `\t${sentence(40)}`).join('\n');
    mkdirSync(b);
    writeFileSync(join(b, 'cats.txt'), 'ca01 news\ncd01 religion\n');
    writeFileSync(join(b, 'ca01'), `\n\n\tHeadline/nn-hl\n\n\n${`\t${sentence(14)}`}\n\n\n${long}\n`);
    writeFileSync(join(b, 'cd01'), `\n\n\t${sentence(20)}\n\t${sentence(5)}\n`);
    const passages = readBrown(b);
    expect(passages.map((p) => [p.doc, p.genre, p.text.split(' ').length])).toEqual([
      ['ca01', 'news', 14],
      ['ca01', 'news', 80],
      ['ca01', 'news', 80],
      ['ca01', 'news', 40],
      ['cd01', 'religion', 25],
    ]);
    expect(passages[0]!.text).toMatch(/^w0 w1 .* w13\.$/);
  });
});
