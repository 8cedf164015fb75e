import { rmSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { RunningServer } from '@quiver/server/node';
import { buildConsole, launch, serveConsole, shot } from './harness.js';

// The semantic search demo in real Chromium: build the collection from the whole corpus (17k+
// Brown Corpus passages embedded in the page), ask questions and check the passages that come
// back are about the question's topic, filter by genre, then stop the server, take the browser
// offline, reload, and search again from the service worker's cache and the local database.
let dist: string;
let server: (RunningServer & { dataDir: string }) | undefined;

beforeAll(async () => {
  dist = await buildConsole();
  server = await serveConsole(dist);
}, 120_000);
afterAll(async () => {
  await server?.close();
  if (dist) rmSync(dist, { recursive: true, force: true });
  if (server) rmSync(server.dataDir, { recursive: true, force: true });
});

interface Hit {
  score: number;
  genre: string;
  text: string;
}

/** The hits shown once the results for `question` (and `filter`) are in. */
async function hits(page: Page, question: string, filter = ''): Promise<Hit[]> {
  const status = page.locator('.status-line');
  await expect.poll(async () => [await status.getAttribute('data-query'), await status.getAttribute('data-filter')]).toEqual([question, filter]);
  return page.getByTestId('demo-result').evaluateAll((els) => els.map((el) => ({
    score: Number(el.querySelector('.score')?.textContent),
    genre: el.querySelector('.badge')?.textContent ?? '',
    text: el.querySelector('p')?.textContent ?? '',
  })));
}

async function ask(page: Page, question: string, filter = ''): Promise<Hit[]> {
  await page.getByTestId('demo-query').fill(question);
  await page.getByTestId('demo-query').press('Enter');
  return hits(page, question, filter);
}

/** How many of the hits mention at least one of the topic's words. */
const onTopic = (hits: Hit[], words: RegExp): number => hits.filter((h) => words.test(h.text)).length;

const BASEBALL = /baseball|inning|pitch|home run|homer|league|yankees|dodgers|orioles|batting|pennant|world series/i;
const FAITH = /forgiv|god|jesus|christ|sin\b|sins\b|church|bible|lord|pray|faith|gospel/i;

it('builds the demo collection, finds passages on the question\'s topic, and searches again offline after a reload', async () => {
  const { page, context, close } = await launch();
  try {
    await page.goto(server!.url);
    await page.getByTestId('nav-demo').click();
    await page.getByTestId('demo-build').click();
    await page.getByTestId('demo-query').waitFor({ timeout: 90_000 });
    const credits = await page.locator('.credits').textContent();
    const passages = Number(/^([\d,]+) passages/.exec(credits ?? '')?.[1]?.replace(/,/g, ''));
    expect(passages).toBeGreaterThanOrEqual(10_000);

    const baseball = await ask(page, 'Who won the baseball game?');
    expect(baseball).toHaveLength(10);
    expect(onTopic(baseball.slice(0, 5), BASEBALL)).toBeGreaterThanOrEqual(4);
    expect(baseball.map((h) => h.score)).toEqual([...baseball.map((h) => h.score)].sort((a, b) => b - a));
    await shot(page, 'demo-baseball');

    const faith = await ask(page, 'What does the Bible say about forgiveness?');
    expect(onTopic(faith.slice(0, 5), FAITH)).toBeGreaterThanOrEqual(4);
    // The unrelated question's hits are not the faith hits: the ranking follows the question.
    expect(onTopic(baseball.slice(0, 5), FAITH)).toBeLessThan(onTopic(faith.slice(0, 5), FAITH));

    await page.getByTestId('demo-genre').selectOption('religion');
    const religion = await hits(page, 'What does the Bible say about forgiveness?', 'genre == "religion"');
    expect(religion).toHaveLength(10);
    expect(new Set(religion.map((h) => h.genre))).toEqual(new Set(['religion']));
    expect(onTopic(religion.slice(0, 5), FAITH)).toBeGreaterThanOrEqual(4);
    await page.getByTestId('demo-filter').fill('words < 40');
    await page.getByTestId('demo-filter').press('Enter');
    const short = await hits(page, 'What does the Bible say about forgiveness?', 'genre == "religion" and (words < 40)');
    expect(short.length).toBeGreaterThan(0);
    for (const h of short) expect(h.genre).toBe('religion');
    // "words" counts tokens with a letter or digit; whitespace-separated pieces can only be more.
    for (const h of short) expect(h.text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length).toBeLessThan(40);
    await shot(page, 'demo-filtered');

    // Offline: the service worker holds the app and the data; the server goes away entirely.
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 20_000 });
    await server!.close();
    server = undefined;
    await context.setOffline(true);
    await page.goto(page.url().replace(/#.*$/, '#/demo'));
    await page.reload();
    await page.getByTestId('demo-query').waitFor({ timeout: 30_000 });
    expect(await page.locator('.net').textContent()).toBe('offline');
    const again = await ask(page, 'Who won the baseball game?');
    expect(again).toEqual(baseball);
    await shot(page, 'demo-offline');

    // Phone width: the same page, one column.
    await page.setViewportSize({ width: 390, height: 844 });
    await shot(page, 'demo-phone', false);
  } finally {
    await close();
  }
}, 120_000);
