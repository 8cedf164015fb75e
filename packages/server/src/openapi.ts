// The OpenAPI 3.1 document of the REST API, built from the route table and the engine's own
// request schemas (the zod schemas the verbs validate with), and the pages that show it.
import type { QuiverClient } from '@quiver/core';
import { ROUTE_TABLE, type RouteSpec } from './routes.js';

const JOB_BODIES: Record<string, Record<string, unknown>> = {
  'jobs/import/create': {
    type: 'object',
    required: ['collectionName', 'files'],
    properties: {
      dbName: { type: 'string' }, collectionName: { type: 'string' }, partitionName: { type: 'string' },
      files: { type: 'array', items: { type: 'array', items: { type: 'string' } }, description: 'File lists; paths are relative to the data folder (.json or .parquet)' },
      options: { type: 'object' },
    },
  },
  'jobs/import/list': { type: 'object', properties: { dbName: { type: 'string' }, collectionName: { type: 'string' } } },
  'jobs/import/get_progress': { type: 'object', required: ['jobId'], properties: { dbName: { type: 'string' }, jobId: { type: 'string' } } },
  'jobs/import/describe': { type: 'object', required: ['jobId'], properties: { dbName: { type: 'string' }, jobId: { type: 'string' } } },
};

function bodySchema(client: QuiverClient, r: RouteSpec): Record<string, unknown> {
  if (r.verb === 'job') return JOB_BODIES[r.path] ?? { type: 'object' };
  const { $schema: _drop, ...schema } = client.requestSchema(r.verb);
  return schema;
}

/** Builds the OpenAPI document (served at `/openapi.json`). */
export function openApiDocument(client: QuiverClient, auth: boolean): Record<string, unknown> {
  const paths: Record<string, unknown> = {};
  for (const r of ROUTE_TABLE) {
    const [group] = r.path.split('/');
    paths[`/v2/vectordb/${r.path}`] = {
      post: {
        operationId: r.path.replace(/\//g, '_'),
        tags: [group],
        summary: r.summary,
        description: `Needs privilege \`${r.access({}, 'default').privilege}\`${r.rate ? `; rate-limited as \`${r.rate}\`` : ''}.`,
        parameters: [
          { name: 'DB-Name', in: 'header', required: false, schema: { type: 'string' }, description: 'Database when the body has no dbName' },
          { name: 'Request-Timeout', in: 'header', required: false, schema: { type: 'integer' }, description: 'Seconds' },
          { name: 'Accept-Type-Allow-Int64', in: 'header', required: false, schema: { type: 'boolean' }, description: 'false: Int64 values as strings' },
        ],
        requestBody: { required: true, content: { 'application/json': { schema: bodySchema(client, r) } } },
        responses: {
          '200': { description: 'Milvus envelope: {code: 0, data, …} on success, {code, message} on failure', content: { 'application/json': { schema: { $ref: '#/components/schemas/Envelope' } } } },
          ...(auth ? { '401': { description: 'Missing or wrong credentials (code 1800)' }, '403': { description: 'Privilege not granted (code 1401)' } } : {}),
          '408': { description: 'Request timeout (code 10001)' },
        },
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Quiver REST API (Milvus RESTful API v2)', version: '2', description: 'Every call is POST with a JSON body. Errors answer HTTP 200 with a non-zero code, as Milvus does.' },
    paths,
    components: {
      schemas: { Envelope: { type: 'object', required: ['code'], properties: { code: { type: 'integer' }, message: { type: 'string' }, data: {}, topks: { type: 'array', items: { type: 'integer' } } } } },
      securitySchemes: { token: { type: 'http', scheme: 'bearer', description: 'user:password' } },
    },
    ...(auth ? { security: [{ token: [] }] } : {}),
  };
}

const STYLE = 'body{font:15px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:60rem;padding:0 1rem;color:#222}code,pre{font:13px ui-monospace,monospace}pre{background:#f5f5f5;padding:.5rem;overflow:auto}h2{border-bottom:1px solid #ddd}details{margin:.3rem 0}summary{cursor:pointer}';

/** The docs page: lists the routes of `/openapi.json` with their body schemas (no external assets). */
export const DOCS_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Quiver REST API</title><style>${STYLE}</style></head>
<body><h1>Quiver REST API</h1><p>Milvus RESTful API v2. Machine-readable: <a href="/openapi.json">/openapi.json</a>.</p><div id="routes">Loading…</div>
<script>
fetch('/openapi.json').then(function (r) { return r.json(); }).then(function (doc) {
  var root = document.getElementById('routes'); root.textContent = '';
  var groups = {};
  Object.keys(doc.paths).forEach(function (p) { var op = doc.paths[p].post; (groups[op.tags[0]] = groups[op.tags[0]] || []).push([p, op]); });
  Object.keys(groups).forEach(function (g) {
    var h = document.createElement('h2'); h.textContent = g; root.appendChild(h);
    groups[g].forEach(function (e) {
      var d = document.createElement('details'); var s = document.createElement('summary');
      var c = document.createElement('code'); c.textContent = 'POST ' + e[0]; s.appendChild(c); s.appendChild(document.createTextNode(' — ' + e[1].summary)); d.appendChild(s);
      var p = document.createElement('p'); p.textContent = e[1].description; d.appendChild(p);
      var pre = document.createElement('pre'); pre.textContent = JSON.stringify(e[1].requestBody.content['application/json'].schema, null, 2); d.appendChild(pre);
      root.appendChild(d);
    });
  });
});
</script></body></html>`;

/** The page at `/` until the web console lands. */
export const HOME_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Quiver</title><style>${STYLE}</style></head>
<body><h1>Quiver</h1><p>The server is running. The web console will be served here.</p>
<ul><li>REST API (Milvus RESTful API v2): <code>POST /v2/vectordb/&lt;group&gt;/&lt;action&gt;</code></li><li>API documentation: <a href="/docs">/docs</a> (<a href="/openapi.json">OpenAPI</a>)</li></ul></body></html>`;
