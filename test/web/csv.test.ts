import { describe, expect, it } from 'vitest';
import { guessDelimiter, parseCsv } from '../../apps/web/src/import/csv.js';
import { parseRows } from '../../apps/web/src/import/rows.js';
import type { FieldInfo } from '../../apps/web/src/console/schema.js';

describe('parseCsv', () => {
  it('reads quoted fields with delimiters, doubled quotes and line breaks, CRLF or LF, and a BOM', () => {
    const text = '\ufeffid,title,note\r\n1,"Hello, world","say ""hi"""\r\n2,plain,"two\nlines"\n3,,last';
    expect(parseCsv(text)).toEqual([
      ['id', 'title', 'note'],
      ['1', 'Hello, world', 'say "hi"'],
      ['2', 'plain', 'two\nlines'],
      ['3', '', 'last'],
    ]);
  });

  it('guesses ";" and tab delimiters from the header line', () => {
    expect(guessDelimiter('a;b;c\n1;2;3')).toBe(';');
    expect(guessDelimiter('a\tb\n1\t2')).toBe('\t');
    expect(parseCsv('a;b\n"x;y";2')).toEqual([['a', 'b'], ['x;y', '2']]);
  });

  it('skips blank lines and a trailing newline', () => {
    expect(parseCsv('a,b\n\n1,2\n')).toEqual([['a', 'b'], ['1', '2']]);
  });

  it('names the line of an unclosed quote or a stray one', () => {
    expect(() => parseCsv('a,b\n1,"open\n2,3')).toThrow('CSV line 2: a quoted field is never closed');
    expect(() => parseCsv('a,b\n1,x"y')).toThrow('CSV line 2: a quote inside an unquoted field');
    expect(() => parseCsv('a,b\n"q"z,1')).toThrow('CSV line 2: unexpected "z" after a quoted field');
  });
});

describe('parseRows', () => {
  const fields: FieldInfo[] = [
    { name: 'id', type: 'Int64', primaryKey: true },
    { name: 'score', type: 'Float' },
    { name: 'ok', type: 'Bool' },
    { name: 'meta', type: 'JSON' },
    { name: 'tags', type: 'Array', elementType: 'VarChar' },
    { name: 'vec', type: 'FloatVector', params: [{ key: 'dim', value: '3' }] },
    { name: 'name', type: 'VarChar' },
  ];

  it('types CSV cells by the schema; columns outside it become numbers when numeric; empty cells are left out', () => {
    const csv = 'id,score,ok,meta,tags,vec,name,extra,label\n9007199254740993,0.5,true,"{""a"":1}","[""x""]","[1,2,3]",007,42,abc\n2,,0,null,[],1 2 3,,,';
    const { format, rows } = parseRows('t.csv', csv, fields);
    expect(format).toBe('CSV');
    expect(rows).toEqual([
      { id: '9007199254740993', score: 0.5, ok: true, meta: { a: 1 }, tags: ['x'], vec: [1, 2, 3], name: '007', extra: 42, label: 'abc' },
      { id: 2, ok: false, meta: null, tags: [], vec: [1, 2, 3] },
    ]);
  });

  it('says which record and column a bad CSV cell is in', () => {
    expect(() => parseRows('t.csv', 'id,score\n1,abc', fields)).toThrow('CSV record 1, column "score": "abc" is not a number');
    expect(() => parseRows('t.csv', 'id,ok\n1,maybe', fields)).toThrow('CSV record 1, column "ok": "maybe" is not true or false');
    expect(() => parseRows('t.csv', 'id,score\n1', fields)).toThrow('CSV record 1 has 1 fields, the header has 2');
  });

  it('reads a JSON array, {"rows": […]}, {"data": […]} and JSON Lines', () => {
    const rows = [{ id: 1 }, { id: 2 }];
    expect(parseRows('a.json', JSON.stringify(rows), fields)).toEqual({ format: 'JSON', rows });
    expect(parseRows('a.json', JSON.stringify({ rows }), fields).rows).toEqual(rows);
    expect(parseRows('a.json', JSON.stringify({ data: rows }), fields).rows).toEqual(rows);
    expect(parseRows('a.jsonl', '{"id":1}\n\n{"id":2}\n', fields)).toEqual({ format: 'JSON Lines', rows });
    expect(parseRows('a.json', '{"id":1}\n{"id":2}', fields)).toEqual({ format: 'JSON Lines', rows });
  });

  it('refuses JSON that is not rows, naming the file or line', () => {
    expect(() => parseRows('a.json', '{"x": 1}', fields)).toThrow('a.json: expected an array of rows, or an object with a "rows" or "data" array');
    expect(() => parseRows('a.json', '[1]', fields)).toThrow('a.json: row 1 is not an object');
    expect(() => parseRows('a.json', '[{"id": 1},', fields)).toThrow(/^a\.json is not valid JSON/);
    expect(() => parseRows('a.jsonl', '{"id":1}\n[2]', fields)).toThrow('line 2 is not a JSON object');
  });
});
