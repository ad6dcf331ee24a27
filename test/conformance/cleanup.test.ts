// Cleanup when the server creates users without returning their ids: it finds them by name, the way
// Okta would, and deletes them; it never deletes anything else.
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import { runCliAsync } from '../support/cli.ts';

const LIST = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';

test('users created without an id are looked up by userName and deleted', async () => {
  const created: string[] = [];
  const deleted: string[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://x');
      const filtered = /^userName eq "(.*)"$/.exec(url.searchParams.get('filter') ?? '')?.[1];
      const found =
        filtered && created.includes(filtered) ? [{ id: `id-${filtered}`, userName: filtered }] : [];
      res.setHeader('Content-Type', 'application/scim+json');
      if (req.method === 'POST' && url.pathname === '/Users') {
        created.push(JSON.parse(body).userName);
        res.writeHead(201).end();
      } else if (req.method === 'DELETE') {
        deleted.push(url.pathname);
        res.writeHead(204).end();
      } else if (req.method === 'GET' && url.pathname === '/Users') {
        const list = {
          schemas: [LIST],
          totalResults: found.length,
          startIndex: 1,
          itemsPerPage: found.length,
        };
        res.end(JSON.stringify({ ...list, Resources: found }));
      } else res.writeHead(501).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const run = await runCliAsync([
    'check',
    `http://127.0.0.1:${port}`,
    '--token',
    'x',
    '--profile',
    'entra',
    '--json',
  ]);
  server.close();
  assert.equal(run.code, 1, run.stderr);
  const report = JSON.parse(run.stdout);
  const create = report.profiles[0].steps.find((s: { name: string }) => s.name === 'create: POST /Users');
  assert.deepEqual(create.problems, ['the body is empty']);
  assert.ok(created.length >= 2, `created ${created}`);
  assert.deepEqual(deleted.sort(), created.map((name) => `/Users/id-${encodeURIComponent(name)}`).sort());
  assert.deepEqual(report.cleanup, { deleted: created.length, left: [] });
});
