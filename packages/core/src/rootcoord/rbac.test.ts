import { describe, expect, it } from 'vitest';
import { openMemoryStorage } from '../storage/index.js';
import { checkPassword, hashPassword, randomPassword } from './credentials.js';
import { Rbac, ROOT_USER } from './rbac.js';

describe('credentials', () => {
  it('hashes with a random salt and verifies only the right password', async () => {
    const a = await hashPassword('s3cret-pw', 1_000);
    const b = await hashPassword('s3cret-pw', 1_000);
    expect(a.salt).not.toBe(b.salt);
    expect(a.hash).not.toBe(b.hash);
    expect(a.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(await checkPassword('s3cret-pw', a)).toBe(true);
    expect(await checkPassword('s3cret-pW', a)).toBe(false);
  });

  it('generates passwords from its alphabet', () => {
    const p = randomPassword(40);
    expect(p).toHaveLength(40);
    expect(p).toMatch(/^[A-HJ-NP-Za-km-z2-9]+$/);
    expect(randomPassword()).not.toBe(randomPassword());
  });
});

describe('Rbac', () => {
  it('keeps users, roles and grants across reopen, never the plain password', async () => {
    const storage = await openMemoryStorage();
    const r = await Rbac.open(storage.meta);
    r.iterations = 1_000;
    await r.createUser('alice', 'alice-pw', '1');
    await r.createRole('reader');
    await r.grant('reader', { objectType: 'Collection', objectName: 'books', dbName: 'default', privilege: 'Search', grantor: ROOT_USER });
    await r.grantRole('alice', 'reader');
    const stored = (await storage.meta.scan('rootcoord/')).map(([, v]) => v).join('\n');
    expect(stored).not.toContain('alice-pw');

    const again = await Rbac.open(storage.meta);
    expect(again.userNames()).toEqual(['alice']);
    expect(again.roleNames()).toEqual(['admin', 'public', 'reader']);
    expect(again.user('alice').roles).toEqual(['reader']);
    expect(await again.verify('alice', 'alice-pw')).toBe(true);
    expect(await again.verify('alice', 'wrong')).toBe(false);
    expect(await again.verify('alice', 'alice-pw')).toBe(true);
    expect(await again.verify('nobody', 'alice-pw')).toBe(false);
  });

  it('grants by object, database, wildcard, group and built-in role', async () => {
    const storage = await openMemoryStorage();
    const r = await Rbac.open(storage.meta);
    r.iterations = 1_000;
    await r.createUser('bob', 'bob-pw-1', '1');
    const search = (objectName: string, dbName = 'default') => ({ privilege: 'Search', objectType: 'Collection' as const, objectName, dbName });
    expect(r.allows('bob', search('books'))).toBe(false);
    expect(r.allows('bob', { privilege: 'IndexDetail', objectType: 'Collection', objectName: 'books', dbName: 'x' })).toBe(true); // public's default
    await r.createRole('one');
    await r.grant('one', { objectType: 'Collection', objectName: 'books', dbName: 'default', privilege: 'Search', grantor: ROOT_USER });
    await r.grantRole('bob', 'one');
    expect(r.allows('bob', search('books'))).toBe(true);
    expect(r.allows('bob', search('films'))).toBe(false);
    expect(r.allows('bob', search('books', 'other'))).toBe(false);
    expect(r.allows('bob', { ...search('books'), privilege: 'Insert' })).toBe(false);
    await r.grant('one', { objectType: 'Global', objectName: '*', dbName: '*', privilege: 'CollectionReadWrite', grantor: ROOT_USER });
    expect(r.allows('bob', { ...search('films', 'other'), privilege: 'Insert' })).toBe(true);
    expect(r.allows('bob', { privilege: 'CreateCollection', objectType: 'Global', objectName: '*', dbName: 'default' })).toBe(false);
    await r.revokeRole('bob', 'one');
    expect(r.allows('bob', search('books'))).toBe(false);
    await r.grantRole('bob', 'admin');
    expect(r.allows('bob', { privilege: 'DropDatabase', objectType: 'Global', objectName: '*', dbName: 'default' })).toBe(true);
    expect(r.allows(ROOT_USER, { privilege: 'DropDatabase', objectType: 'Global', objectName: '*', dbName: 'default' })).toBe(true);
  });

  it('drops a role from its users and refuses to drop built-ins', async () => {
    const storage = await openMemoryStorage();
    const r = await Rbac.open(storage.meta);
    r.iterations = 1_000;
    await r.createUser('carol', 'carol-pw', '1');
    await r.createRole('temp');
    await r.grantRole('carol', 'temp');
    await r.dropRole('temp');
    expect(r.user('carol').roles).toEqual([]);
    expect((await Rbac.open(storage.meta)).user('carol').roles).toEqual([]);
    await expect(r.dropRole('admin')).rejects.toThrow(/built-in/);
    await expect(r.createRole('public')).rejects.toThrow(/already exists/);
  });

  it('bootstraps root once: generated, kept, then reset to a given password', async () => {
    const storage = await openMemoryStorage();
    const r = await Rbac.open(storage.meta);
    r.iterations = 1_000;
    const first = await r.bootstrapRoot(undefined, '1');
    expect(first.created).toBe(true);
    expect(first.generated).toHaveLength(24);
    expect(await r.verify(ROOT_USER, first.generated!)).toBe(true);
    expect(await r.bootstrapRoot(undefined, '2')).toEqual({ created: false, reset: false });
    expect(await r.bootstrapRoot('chosen-pw', '3')).toEqual({ created: false, reset: true });
    expect(await r.verify(ROOT_USER, first.generated!)).toBe(false);
    expect(await r.verify(ROOT_USER, 'chosen-pw')).toBe(true);
  });
});
