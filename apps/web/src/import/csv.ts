// RFC 4180 CSV: fields separated by a delimiter (",", ";" or tab, guessed from the header line),
// optionally quoted with "…" (a doubled "" is a quote; quoted fields may hold delimiters and line
// breaks), records separated by LF or CRLF. A stray quote or an unterminated field is an error
// naming its line.

/** Parses CSV text into records of strings (the header line included). */
export function parseCsv(text: string, delimiter = guessDelimiter(text)): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let i = 0;
  let line = 1;
  const n = text.length;
  const endField = (): void => {
    record.push(field);
    field = '';
  };
  const endRecord = (): void => {
    endField();
    if (!(record.length === 1 && record[0] === '')) records.push(record);
    record = [];
  };
  if (text.charCodeAt(0) === 0xfeff) i = 1; // byte-order mark
  while (i < n) {
    const c = text[i]!;
    if (c === '"' && field === '') {
      const start = line;
      i++;
      for (;;) {
        if (i >= n) throw new Error(`CSV line ${start}: a quoted field is never closed`);
        const q = text[i]!;
        if (q === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        if (q === '\n') line++;
        field += q;
        i++;
      }
      const next = text[i];
      if (next !== undefined && next !== delimiter && next !== '\n' && next !== '\r') throw new Error(`CSV line ${line}: unexpected "${next}" after a quoted field`);
      continue;
    }
    if (c === delimiter) {
      endField();
      i++;
    } else if (c === '\n' || c === '\r') {
      endRecord();
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
      line++;
    } else if (c === '"') {
      throw new Error(`CSV line ${line}: a quote inside an unquoted field (quote the whole field and double the quote)`);
    } else {
      field += c;
      i++;
    }
  }
  if (field !== '' || record.length > 0) endRecord();
  return records;
}

/** The delimiter that splits the first line most: ",", ";" or tab. */
export function guessDelimiter(text: string): string {
  const first = text.slice(0, text.search(/\r?\n|$/));
  let best = ',';
  let most = -1;
  for (const d of [',', ';', '\t']) {
    const k = first.split(d).length;
    if (k > most) {
      most = k;
      best = d;
    }
  }
  return best;
}
