import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { addWebhookEndpoint } from '../../src/service/webhook-endpoints.ts';
import type { TenantId } from '../../src/store/port.ts';
import { byTest } from '../support/change.ts';
import { GROUP, patchBody, scimClient, USER } from '../support/scim-client.ts';
import { useServer } from '../support/server.ts';
import {
  type Answer,
  eventually,
  type Receiver,
  startReceiver,
  validSignature,
} from '../support/webhook-receiver.ts';

// Webhooks end to end: SCIM changes through the real server, delivered by its worker to a receiver on
// 127.0.0.1, signed as Standard Webhooks specifies (checked here with our own HMAC). Each test has a
// tenant and a receiver of its own.

const t = useServer();
const receivers: Receiver[] = [];
after(() => Promise.all(receivers.map((r) => r.close())));

/** A new tenant with a receiver registered as its endpoint. */
async function hooked(name: string, answer?: Answer) {
  const { base, token } = await t.server.tenant(name);
  const receiver = await startReceiver(answer);
  receivers.push(receiver);
  const endpoint = await addWebhookEndpoint(t.server.deps, name as TenantId, receiver.url, byTest());
  return { scim: scimClient(base, token), receiver, secret: endpoint.secret, endpoint };
}

describe('webhooks', () => {
  test('create, patch and delete reach the receiver in order, signed, with id, type and version', async () => {
    const { scim, receiver, secret } = await hooked('hooks-order');
    const created = await scim.post('/Users', { schemas: [USER], userName: 'hook@example.com' });
    assert.equal(created.status, 201);
    const id = created.body.id as string;
    const patch = patchBody({ op: 'replace', path: 'displayName', value: 'Hook' });
    assert.equal((await scim.patch(`/Users/${id}`, patch)).status, 200);
    const group = await scim.post('/Groups', {
      schemas: [GROUP],
      displayName: 'Hooks',
      members: [{ value: id }],
    });
    assert.equal(group.status, 201);
    assert.equal((await scim.delete(`/Users/${id}`)).status, 204);
    await eventually(() => receiver.received.length >= 4, 'four deliveries');

    const events = receiver.received.map((r) => r.event);
    assert.deepEqual(
      events.map((e) => [e.type, e.data.id, e.data.version]),
      [
        ['user.created', id, 1],
        ['user.updated', id, 2],
        ['group.created', group.body.id, 1],
        ['user.deleted', id, 3],
      ],
    );
    for (const request of receiver.received) {
      assert.ok(validSignature(secret, request), `signature of ${request.id}`);
      assert.equal(request.id, request.event.id);
      assert.equal(request.contentType, 'application/json');
      assert.ok(Math.abs(Number(request.timestamp) - Date.now() / 1000) < 60);
      assert.equal(request.event.tenant, 'hooks-order');
    }
    assert.equal(new Set(receiver.received.map((r) => r.id)).size, 4, 'each event has its own id');
    const resources = events.map((e) => e.data.resource as Record<string, unknown> | undefined);
    assert.equal(resources[0]?.userName, 'hook@example.com');
    assert.equal(resources[1]?.displayName, 'Hook');
    assert.equal(resources[2]?.displayName, 'Hooks');
    assert.equal(resources[2]?.members, undefined, 'a group event carries no member list');
    assert.equal(resources[3], undefined, 'a delete carries no document');
    assert.equal(validSignature('whsec_AAAA', receiver.received[0] as never), false);
  });

  test('a failing receiver gets retries with the same webhook-id until it accepts', async () => {
    const { scim, receiver, endpoint } = await hooked('hooks-retry', (_, i) => (i < 2 ? 500 : 200));
    assert.equal((await scim.post('/Users', { schemas: [USER], userName: 'retry@example.com' })).status, 201);
    await eventually(() => receiver.accepted.length === 1, 'an accepted delivery');
    assert.equal(receiver.received.length, 3);
    assert.equal(new Set(receiver.received.map((r) => r.id)).size, 1);
    // The receiver answers before the worker records the outcome.
    const status = async () =>
      (await t.server.store.forTenant('hooks-retry' as TenantId).webhooks.listEndpoints())[0];
    await eventually(async () => (await status())?.pending === 0, 'the delivery recorded');
    assert.deepEqual([(await status())?.id, (await status())?.failed], [endpoint.id, 0]);
  });

  test('a failing endpoint gets nothing past its failed event and holds up no other endpoint', async () => {
    const { scim, receiver: good } = await hooked('hooks-two');
    const bad = await startReceiver(() => 500);
    receivers.push(bad);
    await addWebhookEndpoint(t.server.deps, 'hooks-two' as TenantId, bad.url, byTest());
    for (const n of [1, 2, 3]) {
      assert.equal(
        (await scim.post('/Users', { schemas: [USER], userName: `two${n}@example.com` })).status,
        201,
      );
    }
    await eventually(() => good.received.length === 3 && bad.received.length >= 2, 'deliveries and a retry');
    assert.deepEqual(
      good.received.map(
        (r) => r.event.data.resource && (r.event.data.resource as { userName: string }).userName,
      ),
      ['two1@example.com', 'two2@example.com', 'two3@example.com'],
    );
    assert.deepEqual(new Set(bad.received.map((r) => r.id)), new Set([good.received[0]?.id]));
  });

  test('failed changes and a PATCH that changes nothing produce no event', async () => {
    const { scim, receiver } = await hooked('hooks-none');
    const user = await scim.post('/Users', {
      schemas: [USER],
      userName: 'same@example.com',
      displayName: 'Same',
    });
    assert.equal(user.status, 201);
    const id = user.body.id as string;
    assert.equal((await scim.post('/Users', { schemas: [USER], userName: 'SAME@example.com' })).status, 409);
    assert.equal((await scim.post('/Users', { schemas: [USER] })).status, 400);
    const noop = patchBody({ op: 'replace', path: 'displayName', value: 'Same' });
    assert.equal((await scim.patch(`/Users/${id}`, noop)).status, 200);
    const bad = patchBody({ op: 'replace', path: 'userName', value: 42 });
    assert.equal((await scim.patch(`/Users/${id}`, bad)).status, 400);
    assert.equal((await scim.delete('/Users/not-a-user')).status, 404);
    const marker = await scim.post('/Users', { schemas: [USER], userName: 'marker@example.com' });
    await eventually(
      () => receiver.received.some((r) => r.event.data.id === marker.body.id),
      'the marker event',
    );
    assert.deepEqual(
      receiver.received.map((r) => [r.event.type, r.event.data.id]),
      [
        ['user.created', id],
        ['user.created', marker.body.id],
      ],
    );
  });

  test('only http and https endpoints are accepted', async () => {
    for (const url of ['ftp://example.com/x', 'not a url', 'http://user:pw@example.com/']) {
      await assert.rejects(addWebhookEndpoint(t.server.deps, 'acme' as TenantId, url, byTest()));
    }
  });
});
