import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { describe, test } from 'node:test';
import type { TenantId } from '../../src/store/port.ts';
import { expectScimError, oktaUser, patchBody } from '../support/scim-client.ts';
import { useServer } from '../support/server.ts';

const t = useServer(undefined, { requestDeadlineMs: 3_000, requestTimeoutMs: 500 });

describe('request deadline', () => {
  test('a request still running at the deadline gets 503 with Retry-After and a SCIM body, not a dropped socket', async () => {
    const { server, scim } = t;
    const created = await scim.post('/Users', oktaUser('stuck@example.com'));
    assert.equal(created.status, 201);
    const id: string = created.body.id;
    // Another writer holds the user (its row lock on PostgreSQL, the write queue on SQLite), so a
    // PATCH of it cannot finish until released.
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let holding = () => {};
    const locked = new Promise<void>((resolve) => {
      holding = resolve;
    });
    const holder = server.store.forTenant('acme' as TenantId).transaction(async (tx) => {
      await tx.users.get(id);
      holding();
      await held;
    });
    await locked;
    try {
      const res = await scim.patch(
        `/Users/${id}`,
        patchBody({ op: 'replace', path: 'active', value: false }),
      );
      expectScimError(res, 503);
      assert.match(res.headers.get('retry-after') ?? '', /^[1-9]\d*$/);
      assert.equal(res.headers.get('connection'), 'close');
    } finally {
      release();
      await holder;
    }
    assert.equal((await scim.get(`/Users/${id}`)).status, 200, 'the server goes on serving');
  });

  test('a body trickling in is cut off with 408 before the deadline', async () => {
    const { server } = t;
    const url = new URL(`${server.base}/Users`);
    const socket = connect(Number(url.port), url.hostname);
    let received = '';
    socket.on('data', (chunk) => {
      received += chunk;
    });
    const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
    socket.write(
      `POST ${url.pathname} HTTP/1.1\r\nHost: ${url.host}\r\nAuthorization: Bearer ${server.token}\r\n` +
        'Content-Type: application/scim+json\r\nContent-Length: 100\r\n\r\n{',
    );
    // One byte a second, for longer than the deadline, unless the server answers first.
    for (let i = 0; i < 4 && received === ''; i++) {
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      if (!socket.destroyed) socket.write(' ');
    }
    await closed;
    const [head = '', body = ''] = received.split('\r\n\r\n');
    assert.match(head, /^HTTP\/1\.1 408 /, received);
    if (/content-type: application\/scim\+json/i.test(head)) {
      const error = JSON.parse(body);
      assert.deepEqual(error.schemas, ['urn:ietf:params:scim:api:messages:2.0:Error']);
      assert.equal(error.status, '408');
    }
  });
});
