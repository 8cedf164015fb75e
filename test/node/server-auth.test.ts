// Authentication and privileges on every route: missing or wrong credentials answer HTTP 401
// (code 1800), a role without the privilege HTTP 403 (code 1401), as Milvus does — and nothing
// changes. Grants, revokes, groups and own-account routes.
import { beforeAll, describe, expect, it } from 'vitest';
import { ROUTE_TABLE } from '@quiver/server';
import { post, ROOT_AUTH, useServer, vectors } from './server-fixture.js';

const server = useServer();
const url = (): string => server().url;
const bearer = (user: string, pw: string): Record<string, string> => ({ Authorization: `Bearer ${user}:${pw}` });

/** A body that names an object for every kind of route. */
const ANY_BODY = {
  collectionName: 'books', partitionName: 'p1', partitionNames: ['p1'], aliasName: 'al', indexName: 'vector', userName: 'root', roleName: 'public',
  password: 'x', newPassword: 'y', objectType: 'Collection', objectName: '*', privilege: 'Search', data: [[0, 0, 0, 0]], filter: 'id > 0', id: [1],
  jobId: '1', files: [['x.json']], newCollectionName: 'books2', properties: {}, propertyKeys: [], indexParams: [{ fieldName: 'vector' }], dimension: 4,
};

/** Routes the `public` role may use (Milvus grants it DescribeCollection, ListAliases and IndexDetail). */
const PUBLIC_ROUTES = new Set(['collections/has', 'collections/describe', 'aliases/list', 'indexes/describe', 'indexes/list']);

async function snapshot(): Promise<unknown> {
  return {
    collections: (await post(url(), 'collections/list', {})).data,
    rows: (await post(url(), 'entities/query', { collectionName: 'books', filter: '', outputFields: ['count(*)'] })).data,
    users: (await post(url(), 'users/list', {})).data,
    roles: (await post(url(), 'roles/list', {})).data,
    partitions: (await post(url(), 'partitions/list', { collectionName: 'books' })).data,
  };
}

beforeAll(async () => {
  expect((await post(url(), 'collections/create', { collectionName: 'books', dimension: 4 })).code).toBe(0);
  expect((await post(url(), 'entities/insert', { collectionName: 'books', data: vectors(5, 4).map((vector, id) => ({ id, vector })) })).code).toBe(0);
  expect((await post(url(), 'users/create', { userName: 'nopriv', password: 'nopriv_pw' })).code).toBe(0);
  expect((await post(url(), 'roles/create', { roleName: 'unrelated' })).code).toBe(0);
  expect((await post(url(), 'roles/grant_privilege', { roleName: 'unrelated', objectType: 'Collection', objectName: 'films', privilege: 'Insert' })).code).toBe(0);
  expect((await post(url(), 'users/grant_role', { userName: 'nopriv', roleName: 'unrelated' })).code).toBe(0);
});

describe('every route', () => {
  it('refuses a missing credential with HTTP 401 and changes nothing', async () => {
    const before = await snapshot();
    for (const r of ROUTE_TABLE) {
      const res = await post(url(), r.path, ANY_BODY, {});
      expect({ route: r.path, status: res.status, code: res.code }).toEqual({ route: r.path, status: 401, code: 1800 });
    }
    expect(await snapshot()).toEqual(before);
  });

  it('refuses a wrong password, an unknown user and a malformed header with HTTP 401', async () => {
    const before = await snapshot();
    for (const r of ROUTE_TABLE) {
      for (const headers of [bearer('root', 'wrong-password'), bearer('ghost', 'ghost_pw'), { Authorization: 'Bearer not-a-user-password-pair' }]) {
        const res = await post(url(), r.path, ANY_BODY, headers);
        expect({ route: r.path, status: res.status, code: res.code }).toEqual({ route: r.path, status: 401, code: 1800 });
      }
    }
    expect(await snapshot()).toEqual(before);
  });

  it('refuses a user whose roles lack the privilege with HTTP 403 and changes nothing', async () => {
    const before = await snapshot();
    for (const r of ROUTE_TABLE) {
      const res = await post(url(), r.path, { ...ANY_BODY, userName: 'root' }, bearer('nopriv', 'nopriv_pw'));
      if (PUBLIC_ROUTES.has(r.path)) expect({ route: r.path, status: res.status }).toEqual({ route: r.path, status: 200 });
      else expect({ route: r.path, status: res.status, code: res.code }).toEqual({ route: r.path, status: 403, code: 1401 });
    }
    expect(await snapshot()).toEqual(before);
  });

  it('answers an unknown route with 404 before asking for credentials', async () => {
    const res = await fetch(`${url()}/v2/vectordb/entities/nope`, { method: 'POST', body: '{}' });
    expect(res.status).toBe(404);
    expect((await fetch(`${url()}/v2/vectordb/entities/search`, { method: 'GET' })).status).toBe(404);
  });
});

describe('grants', () => {
  it('lets a role do exactly what it was granted, on the object it was granted on', async () => {
    expect((await post(url(), 'collections/create', { collectionName: 'films', dimension: 4 })).code).toBe(0);
    expect((await post(url(), 'users/create', { userName: 'reader', password: 'reader_pw' })).code).toBe(0);
    expect((await post(url(), 'roles/create', { roleName: 'books_reader' })).code).toBe(0);
    expect((await post(url(), 'roles/grant_privilege', { roleName: 'books_reader', objectType: 'Collection', objectName: 'books', privilege: 'Search' })).code).toBe(0);
    expect((await post(url(), 'users/grant_role', { userName: 'reader', roleName: 'books_reader' })).code).toBe(0);
    const as = bearer('reader', 'reader_pw');
    const search = (collectionName: string) => post(url(), 'entities/search', { collectionName, data: [[1, 0, 0, 0]], limit: 2 }, as);
    expect((await search('books')).code).toBe(0);
    expect((await search('films')).status).toBe(403);
    expect((await post(url(), 'entities/insert', { collectionName: 'books', data: [{ id: 99, vector: [0, 0, 0, 1] }] }, as)).status).toBe(403);

    expect((await post(url(), 'roles/describe', { roleName: 'books_reader' })).data).toEqual([{ objectType: 'Collection', objectName: 'books', dbName: 'default', privilege: 'Search', grantor: 'root' }]);
    expect((await post(url(), 'users/describe', { userName: 'reader' })).data).toEqual(['books_reader']);

    // a privilege group on every collection of the database
    expect((await post(url(), 'roles/grant_privilege_v2', { roleName: 'books_reader', privilege: 'CollectionReadWrite', dbName: 'default' })).code).toBe(0);
    expect((await post(url(), 'entities/insert', { collectionName: 'films', data: [{ id: 1, vector: [0, 0, 0, 1] }] }, as)).code).toBe(0);
    expect((await post(url(), 'collections/drop', { collectionName: 'films' }, as)).status).toBe(403);
    expect((await post(url(), 'roles/revoke_privilege_v2', { roleName: 'books_reader', privilege: 'CollectionReadWrite', dbName: 'default' })).code).toBe(0);
    expect((await search('films')).status).toBe(403);

    expect((await post(url(), 'users/revoke_role', { userName: 'reader', roleName: 'books_reader' })).code).toBe(0);
    expect((await search('books')).status).toBe(403);
    expect((await post(url(), 'users/grant_role', { userName: 'reader', roleName: 'admin' })).code).toBe(0);
    expect((await post(url(), 'collections/drop', { collectionName: 'films' }, as)).code).toBe(0);
  });

  it('rejects grants Milvus rejects', async () => {
    expect((await post(url(), 'roles/grant_privilege', { roleName: 'public', objectType: 'Collection', objectName: 'books', privilege: 'CreateDatabase' })).code).toBe(1100);
    expect((await post(url(), 'roles/grant_privilege', { roleName: 'public', objectType: 'Table', objectName: 'books', privilege: 'Search' })).code).toBe(1100);
    expect((await post(url(), 'roles/drop', { roleName: 'admin' })).code).toBe(1100);
    expect((await post(url(), 'users/drop', { userName: 'root' })).code).toBe(1100);
  });

  it('lets a user see itself and change its own password with the old one', async () => {
    expect((await post(url(), 'users/create', { userName: 'self', password: 'self_pw_1' })).code).toBe(0);
    const as = bearer('self', 'self_pw_1');
    expect((await post(url(), 'users/describe', { userName: 'self' }, as)).data).toEqual([]);
    expect((await post(url(), 'users/describe', { userName: 'root' }, as)).status).toBe(403);
    expect((await post(url(), 'users/update_password', { userName: 'self', password: 'bad_old', newPassword: 'self_pw_2' }, as)).code).toBe(1100);
    expect((await post(url(), 'users/update_password', { userName: 'self', password: 'self_pw_1', newPassword: 'self_pw_2' }, as)).code).toBe(0);
    expect((await post(url(), 'users/describe', { userName: 'self' }, as)).status).toBe(401);
    expect((await post(url(), 'users/describe', { userName: 'self' }, bearer('self', 'self_pw_2'))).code).toBe(0);
    expect((await post(url(), 'users/drop', { userName: 'self' })).code).toBe(0);
    expect((await post(url(), 'users/describe', { userName: 'self' }, bearer('self', 'self_pw_2'))).status).toBe(401);
  });

  it('accepts HTTP Basic credentials too', async () => {
    const basic = { Authorization: `Basic ${Buffer.from(ROOT_AUTH.slice('Bearer '.length)).toString('base64')}` };
    expect((await post(url(), 'collections/list', {}, basic)).code).toBe(0);
  });
});
