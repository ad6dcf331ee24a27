import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { exited, runCli, spawnServe, tempDatabase } from '../support/cli.ts';
import { scimClient, USER } from '../support/scim-client.ts';
import { TEST_WEBHOOKS } from '../support/server.ts';
import { eventually, type Receiver, startReceiver, validSignature } from '../support/webhook-receiver.ts';

let receiver: Receiver | undefined;
after(() => receiver?.close());

describe('scimitar webhook', () => {
  test('add prints the secret once; serve delivers signed events with it; list counts; remove', async () => {
    receiver = await startReceiver();
    const database = tempDatabase();
    assert.equal(runCli(['tenant', 'create', 'hooks', '--database', database]).code, 0);
    const refused = runCli([
      'webhook',
      'add',
      '--tenant',
      'hooks',
      '--url',
      'file:///etc/passwd',
      '--database',
      database,
    ]);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /only http and https/);

    const added = runCli([
      'webhook',
      'add',
      '--tenant',
      'hooks',
      '--url',
      receiver.url,
      '--database',
      database,
    ]);
    assert.equal(added.code, 0, added.stderr);
    const id = /^id: +(\S+)$/m.exec(added.stdout)?.[1] ?? '';
    const secret = /^secret: +(whsec_\S+)$/m.exec(added.stdout)?.[1] ?? '';
    assert.ok(id && secret, added.stdout);

    const token = runCli([
      'token',
      'create',
      '--tenant',
      'hooks',
      '--name',
      't',
      '--database',
      database,
    ]).stdout.trim();
    const server = await spawnServe(database, [], TEST_WEBHOOKS);
    const scim = scimClient(`${server.origin}/tenants/hooks/scim/v2`, token);
    assert.equal((await scim.post('/Users', { schemas: [USER], userName: 'cli@example.com' })).status, 201);
    await eventually(() => receiver?.received.length === 1, 'one delivery');
    const [request] = receiver.received;
    assert.ok(request && validSignature(secret, request));
    assert.equal(request.event.type, 'user.created');
    server.child.kill('SIGTERM');
    assert.equal(await exited(server.child), 0, 'SIGTERM stops the worker and the server cleanly');

    const listed = JSON.parse(
      runCli(['webhook', 'list', '--tenant', 'hooks', '--json', '--database', database]).stdout,
    );
    assert.deepEqual(
      listed.map((e: { id: string; url: string; pending: number; failed: number }) => [
        e.id,
        e.url,
        e.pending,
        e.failed,
      ]),
      [[id, receiver.url, 0, 0]],
    );
    assert.doesNotMatch(JSON.stringify(listed), /whsec_/, 'the secret is never listed');
    assert.match(
      runCli(['webhook', 'list', '--tenant', 'hooks', '--database', database]).stdout,
      /PENDING\tFAILED/,
    );
    assert.equal(runCli(['webhook', 'remove', id, '--tenant', 'hooks', '--database', database]).code, 0);
    assert.equal(runCli(['webhook', 'remove', id, '--tenant', 'hooks', '--database', database]).code, 1);
  });
});
