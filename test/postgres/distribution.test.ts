import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import pg from 'pg';
import { addWebhookEndpoint } from '../../src/service/webhook-endpoints.ts';
import type { TenantId } from '../../src/store/port.ts';
import { byTest } from '../support/change.ts';
import { freshPostgresDatabase } from '../support/databases.ts';
import { type Cluster, startCluster } from '../support/pg-cluster.ts';
import { ENTERPRISE, GROUP, patchBody, type ScimClient, scimClient, USER } from '../support/scim-client.ts';
import { startServer, type TestServer } from '../support/server.ts';
import { eventually, startReceiver } from '../support/webhook-receiver.ts';

// docs/scale.md: the schema can be distributed by tenant_id on Citus. That needs every primary, unique
// and foreign key of a per-tenant table to include tenant_id, and every query on one to name its
// tenant (so it routes to one shard). The first is read from the catalog; the second from what the
// server really sent, recorded by pg_stat_statements while it served a workload of every kind.

const PER_TENANT = [
  'users',
  'groups',
  'group_members',
  'user_emails',
  'credentials',
  'resource_counts',
  'admins',
  'audit_counters',
  'audit_events',
  'signing_keys',
  'oauth_clients',
  'oauth_grants',
  'oauth_codes',
  'oauth_tokens',
  'admin_sessions',
  'outbox',
  'webhook_endpoints',
  'webhook_deliveries',
];

/** Tables that belong to no tenant: reference tables on Citus, or the coordinator's own. */
const SHARED = ['operators', 'schema_migrations', 'tenants'];

let cluster: Cluster;
let server: TestServer;
let client: pg.Client;

before(async () => {
  cluster = await startCluster([
    'shared_preload_libraries=pg_stat_statements',
    'pg_stat_statements.track=all',
  ]);
  const db = await freshPostgresDatabase(cluster.url);
  client = new pg.Client(db.database);
  await client.connect();
  await client.query('CREATE EXTENSION pg_stat_statements');
  server = await startServer({}, db);
});

after(async () => {
  await client.end();
  await server.close();
  cluster.destroy();
});

describe('the schema can be distributed by tenant', () => {
  test('docs/scale.md distributes every per-tenant table and makes the shared ones reference tables', () => {
    const steps = readFileSync('docs/scale.md', 'utf8');
    const named = (fn: string) => [...steps.matchAll(new RegExp(`${fn}\\('(\\w+)'`, 'g'))].map((m) => m[1]);
    assert.deepEqual(named('create_distributed_table').sort(), [...PER_TENANT].sort());
    assert.deepEqual(
      named('create_reference_table').sort(),
      SHARED.filter((t) => t !== 'schema_migrations'),
    );
  });

  test('every per-tenant table has tenant_id, and only the shared tables lack it', async () => {
    const { rows } = await client.query<{ table_name: string; has: boolean }>(
      `SELECT t.table_name, bool_or(c.column_name = 'tenant_id') AS has
       FROM information_schema.tables t JOIN information_schema.columns c USING (table_schema, table_name)
       WHERE t.table_schema = 'public' AND t.table_type = 'BASE TABLE' GROUP BY t.table_name`,
    );
    const without = rows.filter((r) => !r.has).map((r) => r.table_name);
    assert.deepEqual(without.sort(), SHARED);
    assert.deepEqual(
      rows
        .filter((r) => r.has)
        .map((r) => r.table_name)
        .sort(),
      [...PER_TENANT].sort(),
    );
  });

  test('every primary key, unique key and unique index of a per-tenant table leads with tenant_id', async () => {
    const { rows } = await client.query<{ index: string; table: string; first: string }>(
      `SELECT i.indexrelid::regclass::text AS index, i.indrelid::regclass::text AS table,
         a.attname AS first
       FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0]
       WHERE i.indisunique AND i.indrelid::regclass::text = ANY($1)`,
      [PER_TENANT],
    );
    assert.ok(rows.length >= 8, `found ${rows.length} unique indexes`);
    for (const row of rows) assert.equal(row.first, 'tenant_id', `${row.index} on ${row.table}`);
  });

  test('foreign keys between per-tenant tables include tenant_id on both sides; others point at tenants', async () => {
    const { rows } = await client.query<{
      name: string;
      target: string;
      columns: string[];
      targets: string[];
    }>(
      `SELECT c.conname AS name, c.confrelid::regclass::text AS target,
         array(SELECT attname FROM pg_attribute WHERE attrelid = c.conrelid AND attnum = ANY(c.conkey))::text[] AS columns,
         array(SELECT attname FROM pg_attribute WHERE attrelid = c.confrelid AND attnum = ANY(c.confkey))::text[] AS targets
       FROM pg_constraint c WHERE c.contype = 'f' AND c.conrelid::regclass::text = ANY($1)`,
      [PER_TENANT],
    );
    assert.ok(rows.length >= 6);
    for (const fk of rows) {
      if (fk.target === 'tenants') assert.deepEqual(fk.targets, ['id'], fk.name);
      else {
        assert.ok(fk.columns.includes('tenant_id'), fk.name);
        assert.ok(fk.targets.includes('tenant_id'), fk.name);
      }
    }
  });
});

/** Exercises every store path: creates, every filter shape, sorting, paging, PATCH, PUT, members, deletes. */
async function workload(scim: ScimClient): Promise<void> {
  const ids: string[] = [];
  for (const n of [1, 2, 3]) {
    const res = await scim.post('/Users', {
      schemas: [USER, ENTERPRISE],
      userName: `dist${n}@example.com`,
      externalId: `ext-${n}`,
      name: { givenName: 'Dist', familyName: `User${n}` },
      emails: [{ value: `dist${n}@example.com`, type: 'work', primary: true }],
      [ENTERPRISE]: { department: 'Eng' },
    });
    assert.equal(res.status, 201);
    ids.push(res.body.id as string);
  }
  const group = await scim.post('/Groups', {
    schemas: [GROUP],
    displayName: 'Dist',
    members: [{ value: ids[0] }],
  });
  assert.equal(group.status, 201);
  const groupId = group.body.id as string;
  for (const filter of [
    'userName eq "dist1@example.com"',
    'externalId eq "ext-2"',
    'emails[type eq "work"].value eq "dist3@example.com"',
    'emails.value co "example"',
    'name.familyName sw "User" and active eq true',
    `meta.lastModified gt "2000-01-01T00:00:00Z"`,
    `${ENTERPRISE}:department eq "eng"`,
    `groups.value eq "${groupId}"`,
    'not (title pr)',
  ]) {
    assert.equal((await scim.get(`/Users?filter=${encodeURIComponent(filter)}`)).status, 200, filter);
  }
  assert.equal((await scim.get('/Users?sortBy=name.familyName&sortOrder=descending&count=2')).status, 200);
  assert.equal((await scim.get('/Users?startIndex=2&count=1')).status, 200);
  assert.equal((await scim.get(`/Groups?filter=${encodeURIComponent('displayName eq "dist"')}`)).status, 200);
  assert.equal(
    (await scim.get(`/Groups?filter=${encodeURIComponent(`members.value eq "${ids[0]}"`)}`)).status,
    200,
  );
  assert.equal((await scim.get(`/Groups/${groupId}`)).status, 200);
  assert.equal(
    (await scim.patch(`/Users/${ids[1]}`, patchBody({ op: 'replace', path: 'active', value: false }))).status,
    200,
  );
  const members = [{ op: 'add', path: 'members', value: [{ value: ids[1] }, { value: ids[2] }] }];
  assert.ok([200, 204].includes((await scim.patch(`/Groups/${groupId}`, patchBody(...members))).status));
  const remove = [{ op: 'remove', path: `members[value eq "${ids[2]}"]` }];
  assert.ok([200, 204].includes((await scim.patch(`/Groups/${groupId}`, patchBody(...remove))).status));
  const user = await scim.get(`/Users/${ids[0]}`);
  assert.equal((await scim.put(`/Users/${ids[0]}`, { ...user.body, displayName: 'Put' })).status, 200);
  assert.equal((await scim.delete(`/Users/${ids[1]}`)).status, 204);
  assert.equal((await scim.delete(`/Groups/${groupId}`)).status, 204);
}

test('every statement the server sends to a per-tenant table names its tenant', async () => {
  await client.query('SELECT pg_stat_statements_reset()');
  // With an endpoint, so the outbox fan-out, the worker's claims and their outcomes are recorded too.
  const receiver = await startReceiver((_, i) => (i === 0 ? 503 : 204));
  await addWebhookEndpoint(server.deps, 'acme' as TenantId, receiver.url, byTest());
  await workload(scimClient(server.base, server.token));
  await eventually(() => receiver.accepted.length >= 10, 'the workload’s events delivered');
  await receiver.close();
  const { rows } = await client.query<{ query: string }>(
    `SELECT query FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())`,
  );
  const touching = rows
    .map((r) => r.query.replace(/\s+/g, ' '))
    .filter((q) => /^\s*(SELECT|INSERT|UPDATE|DELETE|WITH)\b/i.test(q))
    .filter((q) =>
      PER_TENANT.some((table) => new RegExp(`\\b(FROM|JOIN|INTO|UPDATE) ${table}\\b`, 'i').test(q)),
    );
  assert.ok(touching.length >= 20, `saw ${touching.length} statements`);
  assert.ok(
    touching.some((q) => /FOR UPDATE (OF \w+ )?SKIP LOCKED/.test(q)),
    'a claim was recorded',
  );
  // The one statement that spans tenants, by design: the poller's look-up of tenants with due
  // deliveries. A read without locks (a multi-shard SELECT on Citus) that only says where to claim.
  const spanning = touching.filter((q) =>
    /^SELECT DISTINCT d\.tenant_id FROM webhook_deliveries d WHERE/.test(q),
  );
  assert.equal(spanning.length, 1, 'the due-tenants look-up');
  assert.doesNotMatch(spanning[0] ?? '', /FOR (UPDATE|SHARE)|tenant_id = /);
  for (const query of touching.filter((q) => !spanning.includes(q))) assert.match(query, /tenant_id/, query);
});
