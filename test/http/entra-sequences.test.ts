// Microsoft Entra ID's request sequences (idp-behaviour.md §2 and §7), legacy and aadOptscim062020.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { entraUser } from '../../src/conformance/profiles/entra-dialects.ts';
import { ENTERPRISE, patchBody, type ScimClient, scimClient } from '../support/scim-client.ts';
import { startServer, type TestServer } from '../support/server.ts';

let server: TestServer;

before(async () => {
  server = await startServer();
});
after(() => server.close());

const ADSCIM_GROUP = 'http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group';

for (const dialect of ['legacy', 'aadOptscim062020'] as const) {
  const flag = dialect === 'legacy' ? '' : '?aadOptscim062020';
  const op = (name: string) => (dialect === 'legacy' ? name[0]?.toUpperCase() + name.slice(1) : name);

  describe(`Entra (${dialect})`, () => {
    let scim: ScimClient;
    const q = (path: string) => (flag && path.includes('?') ? `${path}&aadOptscim062020` : `${path}${flag}`);

    before(() => {
      scim = scimClient(server.base, server.token);
    });

    test('test connection: random GUIDs match nothing, for users and groups', async () => {
      const users = await scim.get(q('/Users?filter=userName+eq+%2215e3d9a6-0c8a-4b58-9d6e-7a3c1f0b2e44%22'));
      assert.equal(users.status, 200);
      assert.deepEqual([users.body.totalResults, users.body.Resources], [0, []]);
      const groups = await scim.get(
        q(`/Groups?excludedAttributes=members&filter=${encodeURIComponent('displayName eq "0c8a-4b58"')}`),
      );
      assert.equal(groups.body.totalResults, 0);
    });

    test('user lifecycle: create, per-attribute updates, disable, re-enable, manager, delete', async () => {
      const userName = `ada.${dialect}@contoso.example`;
      assert.equal(
        (await scim.get(q(`/Users?filter=${encodeURIComponent(`userName eq "${userName}"`)}`))).body
          .totalResults,
        0,
      );
      const created = await scim.post(q('/Users'), entraUser(userName, `ada-${dialect}`));
      assert.equal(created.status, 201, created.text);
      const id = created.body.id;

      const byExternalId = await scim.get(
        q(`/Users?filter=${encodeURIComponent(`externalId eq "ada-${dialect}"`)}`),
      );
      assert.equal(byExternalId.body.Resources[0].id, id);
      const byWorkEmail = await scim.get(
        q(`/Users?filter=${encodeURIComponent(`emails[type eq "work"].value eq "${userName}"`)}`),
      );
      assert.equal(byWorkEmail.body.totalResults, 1);

      const updates =
        dialect === 'legacy'
          ? patchBody(
              { op: 'Replace', path: 'emails[type eq "work"].value', value: `king.${userName}` },
              { op: 'Replace', path: 'name.familyName', value: 'King' },
              { op: 'Replace', path: `${ENTERPRISE}:employeeNumber`, value: '1002' },
              { op: 'Add', path: 'nickName', value: 'Ada' },
            )
          : patchBody(
              { op: 'replace', path: 'emails[type eq "work"].value', value: `king.${userName}` },
              {
                op: 'replace',
                value: {
                  'name.familyName': 'King',
                  [`${ENTERPRISE}:employeeNumber`]: '1002',
                  nickName: 'Ada',
                },
              },
            );
      const updated = await scim.patch(q(`/Users/${id}`), updates);
      assert.equal(updated.status, 200, updated.text);
      assert.equal(updated.body.emails[0].value, `king.${userName}`);
      assert.equal(updated.body.name.familyName, 'King');
      assert.equal(updated.body.name.givenName, 'Ada');
      assert.equal(updated.body[ENTERPRISE].employeeNumber, '1002');
      assert.equal(updated.body[ENTERPRISE].department, 'R&D');
      assert.equal(updated.body.nickName, 'Ada');

      const disabled = dialect === 'legacy' ? 'False' : false;
      assert.equal(
        (
          await scim.patch(
            q(`/Users/${id}`),
            patchBody({ op: op('replace'), path: 'active', value: disabled }),
          )
        ).body.active,
        false,
      );
      const stillThere = await scim.get(
        q(`/Users?filter=${encodeURIComponent(`userName eq "${userName}"`)}`),
      );
      assert.equal(stillThere.body.Resources[0].active, false);
      const enabled = dialect === 'legacy' ? 'True' : true;
      assert.equal(
        (
          await scim.patch(
            q(`/Users/${id}`),
            patchBody({ op: op('replace'), path: 'active', value: enabled }),
          )
        ).body.active,
        true,
      );

      const boss = (
        await scim.post(q('/Users'), entraUser(`boss.${dialect}@contoso.example`, `boss-${dialect}`))
      ).body;
      const manager = await scim.patch(
        q(`/Users/${id}`),
        patchBody({ op: op('add'), path: `${ENTERPRISE}:manager`, value: boss.id }),
      );
      assert.deepEqual(manager.body[ENTERPRISE].manager, { value: boss.id });
      const check = await scim.get(
        q(`/Users?filter=${encodeURIComponent(`id eq "${id}" and manager eq "${boss.id}"`)}`),
      );
      assert.equal(check.body.totalResults, 1);

      assert.equal((await scim.delete(q(`/Users/${id}`))).status, 204);
      assert.equal((await scim.get(q(`/Users/${id}`))).status, 404);
      assert.equal((await scim.delete(q(`/Users/${id}`))).status, 404);
    });

    test('group lifecycle: create with the ADSCIM URN, add, check, remove, rename, delete', async () => {
      const members: string[] = [];
      for (const n of [1, 2, 3]) {
        members.push(
          (await scim.post(q('/Users'), entraUser(`m${n}.${dialect}@contoso.example`, `m${n}-${dialect}`)))
            .body.id,
        );
      }
      const displayName = `Engineering ${dialect}`;
      const lookup = `/Groups?excludedAttributes=members&filter=${encodeURIComponent(`displayName eq "${displayName}"`)}`;
      assert.equal((await scim.get(q(lookup))).body.totalResults, 0);
      const group = await scim.post(q('/Groups'), {
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group', ADSCIM_GROUP],
        externalId: `8aa1a0c0-${dialect}`,
        displayName,
        meta: { resourceType: 'Group' },
      });
      assert.equal(group.status, 201, group.text);
      const g = group.body.id;

      const add = await scim.patch(
        q(`/Groups/${g}`),
        patchBody({ op: op('add'), path: 'members', value: members.map((value) => ({ $ref: null, value })) }),
      );
      assert.equal(add.status, 204);
      const isMember = (u: string) =>
        scim.get(
          q(
            `/Groups?excludedAttributes=members&filter=${encodeURIComponent(`id eq "${g}" and members[value eq "${u}"]`)}`,
          ),
        );
      assert.equal((await isMember(members[0] ?? '')).body.totalResults, 1);

      const removal =
        dialect === 'legacy'
          ? { op: 'Remove', path: 'members', value: [{ $ref: null, value: members[0] }] }
          : { op: 'remove', path: `members[value eq "${members[0]}"]` };
      assert.equal((await scim.patch(q(`/Groups/${g}`), patchBody(removal))).status, 204);
      assert.equal((await isMember(members[0] ?? '')).body.totalResults, 0);
      assert.equal(
        (await isMember(members[1] ?? '')).body.totalResults,
        1,
        'only the listed member is removed',
      );

      assert.equal(
        (
          await scim.patch(
            q(`/Groups/${g}`),
            patchBody({ op: op('replace'), path: 'displayName', value: `${displayName} EU` }),
          )
        ).status,
        204,
      );
      const read = await scim.get(q(`/Groups/${g}?excludedAttributes=members`));
      assert.equal(read.body.displayName, `${displayName} EU`);
      assert.equal(read.body.members, undefined);
      assert.equal((await scim.delete(q(`/Groups/${g}`))).status, 204);
    });

    test('paging by 5 returns every user once', async () => {
      const total = (await scim.get(q('/Users?count=0'))).body.totalResults;
      const seen = new Set<string>();
      for (let start = 1; start <= total; start += 5) {
        const page = await scim.get(q(`/Users?startIndex=${start}&count=5`));
        assert.equal(page.body.startIndex, start);
        for (const u of page.body.Resources) seen.add(u.id);
      }
      assert.equal(seen.size, total);
    });
  });
}
