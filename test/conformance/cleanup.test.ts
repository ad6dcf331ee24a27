// Cleanup in the hard cases: a server that creates users without returning their ids (it finds them by
// name and deletes only those), and a run interrupted with Ctrl-C.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runCliAsync, spawnCli } from '../support/cli.ts';
import { listen } from './fixtures/listen.ts';

const LIST = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';

test('users created without an id are looked up by userName and deleted', async () => {
  const created: string[] = [];
  const deleted: string[] = [];
  const server = await listen((req, res) => {
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
  const run = await runCliAsync(['check', server.origin, '--token', 'x', '--profile', 'entra', '--json']);
  await server.close();
  assert.equal(run.code, 1, run.stderr);
  const report = JSON.parse(run.stdout);
  const create = report.profiles[0].steps.find((s: { name: string }) => s.name === 'create: POST /Users');
  assert.deepEqual(create.problems, ['the body is empty']);
  assert.ok(created.length >= 2, `created ${created}`);
  assert.deepEqual(deleted.sort(), created.map((name) => `/Users/id-${encodeURIComponent(name)}`).sort());
  assert.deepEqual(report.cleanup, { deleted: created.length, left: [] });
});

test('Ctrl-C stops before the next step, still deletes what was created, and exits 130', async () => {
  const deleted: string[] = [];
  let posts = 0;
  let interrupt = () => {};
  const server = await listen((req, res) => {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      res.setHeader('Content-Type', 'application/scim+json');
      if (req.method === 'GET' && req.url?.includes('filter=')) {
        res.end(JSON.stringify({ schemas: [LIST], totalResults: 0, startIndex: 1, itemsPerPage: 0 }));
      } else if (req.method === 'POST' && ++posts === 1) {
        res.writeHead(201).end(JSON.stringify({ id: 'u1', userName: JSON.parse(body).userName }));
      } else if (req.method === 'POST') {
        // Entra's duplicate create: answered only after the check has been interrupted.
        interrupt();
        setTimeout(() => res.writeHead(409).end('{}'), 200);
      } else if (req.method === 'DELETE') {
        deleted.push(req.url ?? '');
        res.writeHead(204).end();
      } else res.writeHead(500).end('{}');
    });
  });
  const args = ['check', server.origin, '--token', 'x', '--profile', 'entra', '--json'];
  const { child, result } = spawnCli(args);
  interrupt = () => child.kill('SIGINT');
  const run = await result;
  await server.close();
  assert.equal(run.code, 130, run.stderr);
  assert.match(run.stderr, /interrupted; deleting what it created/);
  const report = JSON.parse(run.stdout);
  assert.deepEqual([report.ok, report.interrupted], [false, true]);
  const outcomes = report.profiles[0].steps.map(
    (s: { outcome: string; reason?: string }) => s.reason ?? s.outcome,
  );
  assert.deepEqual(outcomes.slice(0, 4), ['passed', 'passed', 'passed', 'passed']);
  assert.deepEqual(new Set(outcomes.slice(4)), new Set(['the run was interrupted']));
  assert.deepEqual(deleted, ['/Users/u1']);
});
