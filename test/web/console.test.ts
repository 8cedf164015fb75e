import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { RunningServer } from '@quiver/server/node';
import { buildConsole, launch, ROOT_PASSWORD, serveConsole, shot } from './harness.js';

// The console in real Chromium, served by the Quiver server at `/`: create a collection in the
// browser's database, load rows from a CSV file, run filter queries (and see a clear error for a
// wrong one), search; then switch to the REST server with credentials and do the same there.
let dist: string;
let server: RunningServer & { dataDir: string };
const files = mkdtempSync(join(tmpdir(), 'quiver-web-files-'));
const GENRES = ['poetry', 'history', 'science'];
const books = Array.from({ length: 300 }, (_, i) => ({
  id: i + 1,
  vector: [Math.cos(i), Math.sin(i), (i % 7) / 7, 1],
  title: `Book "${i + 1}", vol ${i % 5}`,
  year: 1900 + ((i * 37) % 125),
  genre: GENRES[i % 3]!,
}));

beforeAll(async () => {
  dist = await buildConsole();
  server = await serveConsole(dist);
}, 120_000);
afterAll(async () => {
  await server?.close();
  for (const d of [dist, server?.dataDir, files]) if (d) rmSync(d, { recursive: true, force: true });
});

it('creates a collection, inserts from a CSV file, runs filter queries and a search on the in-browser database', async () => {
  const csv = ['id,vector,title,year,genre', ...books.map((b) => `${b.id},"[${b.vector.join(',')}]","${b.title.replace(/"/g, '""')}",${b.year},${b.genre}`)].join('\r\n');
  writeFileSync(join(files, 'books.csv'), csv);
  const { page, close } = await launch();
  try {
    await page.goto(server.url);
    await expect.poll(() => page.getByRole('heading', { name: 'Database “default”' }).count()).toBe(1);
    await expect.poll(() => page.getByTestId('storage-use').textContent()).toMatch(/used of/);
    await shot(page, 'console-empty');

    // Create a collection (quick setup: id, 4-d vector, dynamic field).
    await page.getByTestId('new-collection').click();
    await page.getByTestId('cc-name').fill('books');
    await page.getByTestId('cc-dim').fill('4');
    await page.getByTestId('cc-submit').click();
    await expect.poll(() => page.getByTestId('collection-title').textContent()).toBe('books');
    expect(await page.getByTestId('schema').textContent()).toContain('FloatVector(4)');

    // Insert from the file: preview, insert in batches, flush, index.
    await page.getByTestId('tab-import').click();
    await page.getByTestId('import-file').setInputFiles(join(files, 'books.csv'));
    await expect.poll(() => page.getByTestId('import-summary').textContent()).toContain('CSV, 300 rows');
    await page.getByTestId('import-run').click();
    await page.getByTestId('import-done').waitFor({ timeout: 30_000 });
    await shot(page, 'console-import');
    await page.getByTestId('tab-overview').click();
    await expect.poll(() => page.getByTestId('row-count').textContent()).toBe('300');
    await expect.poll(() => page.getByTestId('index').textContent(), { timeout: 15_000 }).toContain('300 of 300 flushed rows indexed');
    expect(await page.getByTestId('collection-link').filter({ hasText: 'books' }).textContent()).toContain('300');

    // A filter query over the dynamic fields: the rows the file says, no more.
    const expected = books.filter((b) => b.year >= 2000 && b.genre === 'poetry');
    await page.getByTestId('tab-query').click();
    await page.getByTestId('query-filter').fill('year >= 2000 and genre == "poetry"');
    await page.locator('#q-fields').fill('title, year, genre');
    await page.locator('#q-limit').fill('1000');
    await page.getByTestId('query-run').click();
    await expect.poll(() => page.getByTestId('query-summary').textContent()).toMatch(new RegExp(`^${expected.length} rows`));
    const ids = await page.locator('[data-testid=results] tbody tr td:first-child').allTextContents();
    expect(ids.map(Number).sort((a, b) => a - b)).toEqual(expected.map((b) => b.id));
    expect(await page.getByTestId('results').textContent()).toContain(expected[0]!.title);
    await shot(page, 'console-query');

    // A wrong expression: the error says what and where.
    await page.getByTestId('query-filter').fill('year = 2000');
    await page.getByTestId('query-run').click();
    await expect.poll(() => page.getByTestId('error').textContent()).toContain('"=" is not an operator (use == to compare)');

    // A search near row 1's vector finds row 1 first.
    await page.getByTestId('tab-search').click();
    await page.locator('#s-vector').fill(JSON.stringify(books[0]!.vector));
    await page.locator('#s-limit').fill('3');
    await page.getByTestId('search-run').click();
    await expect.poll(() => page.getByTestId('search-summary').textContent()).toMatch(/^3 nearest rows/);
    const firstRow = await page.locator('[data-testid=results] tbody tr').first().locator('td').allTextContents();
    expect(firstRow[1]).toBe('1');
    expect(Number(firstRow[0])).toBeCloseTo(1, 4);
  } finally {
    await close();
  }
}, 90_000);

it('switches to the REST server with credentials: a wrong password is refused, then collections are made and queried there', async () => {
  writeFileSync(join(files, 'notes.json'), JSON.stringify(books.slice(0, 40).map((b) => ({ id: b.id, vector: b.vector, genre: b.genre, year: b.year }))));
  const { page, close } = await launch();
  try {
    await page.goto(server.url);
    await page.getByTestId('connection').click();
    await page.getByTestId('conn-server').check();
    await page.getByTestId('conn-user').fill('root');
    await page.getByTestId('conn-password').fill('not-the-password');
    await page.getByTestId('conn-submit').click();
    await expect.poll(() => page.getByTestId('error').textContent()).toContain('check the user name and password');
    await page.getByTestId('conn-password').fill(ROOT_PASSWORD);
    await page.getByTestId('conn-submit').click();
    await expect.poll(() => page.getByTestId('connection').textContent()).toMatch(/^Server · 127\.0\.0\.1:\d+$/);

    // A custom schema this time: id, a VarChar, a 4-d vector (the editor's third row), dynamic field on.
    await page.getByTestId('new-collection').click();
    await page.getByTestId('cc-name').fill('notes');
    await page.getByRole('radio', { name: 'Custom schema' }).check();
    const rows = page.locator('.field-row');
    await rows.nth(1).getByLabel('Field name').fill('genre');
    await rows.nth(1).getByLabel('Dimension or max length').fill('16');
    await rows.nth(2).getByLabel('Field name').fill('vector');
    await rows.nth(2).getByLabel('Dimension or max length').fill('4');
    await page.getByTestId('cc-submit').click();
    await expect.poll(() => page.getByTestId('collection-title').textContent()).toBe('notes');
    const described = await server.client.describeCollection({ collectionName: 'notes' });
    expect(described.data.fields.map((f: { name: string; type: string }) => `${f.name}:${f.type}`)).toEqual(['id:Int64', 'genre:VarChar', 'vector:FloatVector']);
    expect(described.data.enableDynamicField).toBe(true);

    await page.getByTestId('tab-import').click();
    await page.getByTestId('import-file').setInputFiles(join(files, 'notes.json'));
    await expect.poll(() => page.getByTestId('import-summary').textContent()).toContain('JSON, 40 rows');
    await page.getByTestId('import-run').click();
    await page.getByTestId('import-done').waitFor({ timeout: 30_000 });
    const stored = await server.client.query({ collectionName: 'notes', filter: 'genre == "science"', outputFields: ['count(*)'] });
    const science = books.slice(0, 40).filter((b) => b.genre === 'science').length;
    expect(stored.data).toEqual([{ 'count(*)': science }]);

    await page.getByTestId('tab-query').click();
    await page.getByTestId('query-filter').fill('genre == "science"');
    await page.getByTestId('query-run').click();
    await expect.poll(() => page.getByTestId('query-summary').textContent()).toMatch(new RegExp(`^${science} rows`));
    await shot(page, 'console-server-query');
  } finally {
    await close();
  }
}, 90_000);

it('two tabs share the browser database: the second sees what the first made, and carries on when the first closes', async () => {
  const { context, page, close } = await launch();
  try {
    await page.goto(server.url);
    await page.getByTestId('new-collection').click();
    await page.getByTestId('cc-name').fill('shared');
    await page.getByTestId('cc-dim').fill('2');
    await page.getByTestId('cc-submit').click();
    await expect.poll(() => page.getByTestId('collection-title').textContent()).toBe('shared');

    // The second tab forwards its calls to the first (the tab that runs the engine).
    const tab2 = await context.newPage();
    await tab2.goto(`${server.url}/#/console/default/shared/query`);
    await tab2.getByTestId('query-filter').fill('');
    await tab2.getByTestId('query-run').click();
    await expect.poll(() => tab2.getByTestId('query-summary').textContent()).toMatch(/^0 rows/);
    await shot(tab2, 'console-second-tab', false);

    // The first tab goes away; the second takes the database over and keeps working, no reload.
    await page.close();
    await tab2.getByTestId('tab-import').click();
    await tab2.getByTestId('import-file').setInputFiles({ name: 'two.json', mimeType: 'application/json', buffer: Buffer.from('[{"id": 1, "vector": [1, 0]}, {"id": 2, "vector": [0, 1]}]') });
    await tab2.getByTestId('import-run').click();
    await tab2.getByTestId('import-done').waitFor({ timeout: 30_000 });
    await tab2.getByTestId('tab-overview').click();
    await expect.poll(() => tab2.getByTestId('row-count').textContent()).toBe('2');
  } finally {
    await close();
  }
}, 60_000);
