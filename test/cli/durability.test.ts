import assert from 'node:assert/strict';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { exited, spawnServe, tempDatabase } from '../support/cli.ts';
import { oktaUser, patchBody, scimClient } from '../support/scim-client.ts';

const ROUNDS = 3;

/** Every write acknowledged with a 2xx survives `kill -9` right after it (DESIGN.md). */
test('acknowledged creates, deactivations and member adds survive kill -9', async () => {
  for (let round = 0; round < ROUNDS; round++) {
    const database = tempDatabase();
    const server = await spawnServe(database);
    const token = /API token: +(scim_\S+)/.exec(server.output())?.[1] ?? '';
    const scim = scimClient(`${server.origin}/tenants/default/scim/v2`, token);
    const group = (
      await scim.post('/Groups', {
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
        displayName: 'G',
      })
    ).body;

    const acknowledged: { userName: string; id: string; active: boolean }[] = [];
    const killAfter = 20 + Math.floor(Math.random() * 60);
    let inFlight: Promise<unknown> | undefined;
    for (let i = 0; ; i++) {
      const userName = `kill${round}-${i}@example.com`;
      const write = scim.post('/Users', oktaUser(userName)).then(async (res) => {
        if (res.status !== 201) return;
        const entry = { userName, id: res.body.id as string, active: true };
        acknowledged.push(entry);
        const member = await scim.patch(
          `/Groups/${group.id}`,
          patchBody({ op: 'add', path: 'members', value: [{ value: entry.id }] }),
        );
        assert.equal(member.status, 204);
        if (i % 3 === 0) {
          const off = await scim.patch(
            `/Users/${entry.id}`,
            patchBody({ op: 'replace', value: { active: false } }),
          );
          if (off.status === 200) entry.active = false;
        }
      });
      if (acknowledged.length >= killAfter) {
        inFlight = write.catch(() => undefined);
        server.child.kill('SIGKILL');
        break;
      }
      await write;
    }
    await inFlight;
    await exited(server.child);

    const db = new Database(database, { readonly: true });
    assert.equal(db.pragma('integrity_check', { simple: true }), 'ok');
    db.close();

    const restarted = await spawnServe(database);
    const after = scimClient(`${restarted.origin}/tenants/default/scim/v2`, token);
    const members = new Set(
      ((await after.get(`/Groups/${group.id}`)).body.members ?? []).map((m: { value: string }) => m.value),
    );
    for (const entry of acknowledged) {
      const found = await after.get(
        `/Users?filter=${encodeURIComponent(`userName eq "${entry.userName.toUpperCase()}"`)}`,
      );
      assert.equal(found.body.totalResults, 1, `${entry.userName} was acknowledged and must exist`);
      assert.equal(found.body.Resources[0].id, entry.id);
      if (!entry.active)
        assert.equal(found.body.Resources[0].active, false, `${entry.userName} was deactivated`);
    }
    // The last member add may have been in flight when the process died; every earlier one was acknowledged.
    for (const entry of acknowledged.slice(0, -1))
      assert.ok(members.has(entry.id), `${entry.userName} was added to the group`);
    restarted.child.kill('SIGTERM');
    await exited(restarted.child);
  }
});
