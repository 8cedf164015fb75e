// A tiny element builder: h('button.primary', { onclick }, 'Run') → <button class="primary">.
// Children are nodes, strings (text nodes, never parsed as HTML), arrays, or null/false to skip.

/** What h() accepts as a child. */
export type Child = Node | string | number | null | undefined | false | readonly Child[];

/** Attributes and properties: `on*` functions become listeners; `class`, `data-*`, `aria-*` and a few others attributes; the rest properties. */
export type Props = Record<string, unknown>;

/** Props set as attributes although they look like properties (no same-named DOM property). */
const ATTRIBUTES = new Set(['role', 'for', 'list', 'tabindex', 'enterkeyhint']);

/** Creates an element from `tag.class1.class2#id`, props and children. */
export function h<K extends keyof HTMLElementTagNameMap>(spec: K | `${K}${'.' | '#'}${string}`, props?: Props | null, ...children: Child[]): HTMLElementTagNameMap[K];
export function h(spec: string, props?: Props | null, ...children: Child[]): HTMLElement {
  const [head, ...rest] = spec.split('.');
  const [tag, id] = head!.split('#');
  const el = document.createElement(tag || 'div');
  if (id) el.id = id;
  if (rest.length > 0) el.className = rest.join(' ');
  for (const [key, value] of Object.entries(props ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value as EventListener);
    else if (key === 'class') el.className = [el.className, String(value)].filter(Boolean).join(' ');
    else if (key === 'style' && typeof value === 'object') Object.assign(el.style, value);
    else if (key.includes('-') || ATTRIBUTES.has(key)) el.setAttribute(key, value === true ? '' : String(value));
    else (el as unknown as Record<string, unknown>)[key] = value;
  }
  append(el, children);
  return el;
}

/** Appends children (see {@link Child}). */
export function append(parent: Node, children: readonly Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(parent, c);
    else parent.appendChild(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

/** Replaces all children of `el`. */
export function replace(el: Element, ...children: Child[]): void {
  el.replaceChildren();
  append(el, children);
}

/** Formats a byte count as "12.3 MB". */
export function bytes(n: number): string {
  if (!Number.isFinite(n)) return '—';
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let u = 0;
  while (n >= 1000 && u < units.length - 1) {
    n /= 1000;
    u++;
  }
  return `${n >= 100 || u === 0 ? Math.round(n) : n.toFixed(1)} ${units[u]}`;
}

/** Formats a count with thousands separators. */
export const count = (n: number): string => n.toLocaleString('en-US');
