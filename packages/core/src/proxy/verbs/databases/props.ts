

/** Property values as stored: strings kept, anything else JSON-encoded (databases/create, databases/alter). */
export function props(p: Record<string, unknown> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(p ?? {})) out[k] = typeof v === 'string' ? v : JSON.stringify(v);
  return out;
}
