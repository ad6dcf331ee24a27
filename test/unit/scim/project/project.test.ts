import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { AppError } from '../../../../src/errors/app-error.ts';
import { parseAttributeList, projectResource, wantsAttribute } from '../../../../src/scim/project/index.ts';
import type { JsonObject } from '../../../../src/scim/resource.ts';
import {
  attr,
  GROUP_RESOURCE,
  type ResourceTypeDef,
  USER_RESOURCE,
} from '../../../../src/scim/schema/index.ts';

const USER_URN = 'urn:ietf:params:scim:schemas:core:2.0:User';
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

/** A full representation as the service renders it (RFC 7643 §8.2, trimmed), plus a stray password. */
const BABS: JsonObject = {
  schemas: [USER_URN, ENTERPRISE],
  id: '2819c223',
  externalId: '701984',
  userName: 'bjensen@example.com',
  name: { familyName: 'Jensen', givenName: 'Barbara' },
  emails: [
    { value: 'bjensen@example.com', type: 'work', primary: true },
    { value: 'babs@jensen.org', type: 'home' },
  ],
  active: true,
  password: 'never-returned',
  groups: [{ value: 'e9e30dba', display: 'Tour Guides' }],
  [ENTERPRISE]: { department: 'Tour Operations', manager: { value: '26118915', displayName: 'John Smith' } },
  meta: {
    resourceType: 'User',
    created: '2010-01-23T04:56:22Z',
    location: 'https://example.com/v2/Users/2819c223',
  },
};
const { password: _password, ...BABS_DEFAULT } = BABS;

function project(
  attributes?: string,
  excludedAttributes?: string,
  rt: ResourceTypeDef = USER_RESOURCE,
  resource = BABS,
) {
  return projectResource(rt, resource, {
    attributes: parseAttributeList(rt, attributes),
    excludedAttributes: parseAttributeList(rt, excludedAttributes),
  });
}

describe('parseAttributeList (RFC 7644 §3.9)', () => {
  test('no parameter, or an empty one, names nothing', () => {
    assert.deepEqual(parseAttributeList(USER_RESOURCE, undefined), []);
    assert.deepEqual(parseAttributeList(USER_RESOURCE, ' , '), []);
  });

  test('names are trimmed, case-insensitive and resolved', () => {
    const refs = parseAttributeList(
      USER_RESOURCE,
      ' userName , NAME.givenName,urn:ietf:params:scim:schemas:core:2.0:User:emails',
    );
    assert.deepEqual(
      refs.map((ref) => [ref.attr.name, ref.sub?.name]),
      [
        ['userName', undefined],
        ['name', 'givenName'],
        ['emails', undefined],
      ],
    );
  });

  test('a bare extension URN names each of its attributes', () => {
    const refs = parseAttributeList(USER_RESOURCE, ENTERPRISE);
    assert.equal(refs.length, 6);
    assert.ok(refs.every((ref) => ref.extension && ref.schema === ENTERPRISE));
  });

  for (const list of ['shoeSize', 'userName,nmae.givenName', 'schemas', 'emails[type eq "work"]']) {
    test(`an unknown name is invalidValue: ${list}`, () => {
      assert.throws(
        () => parseAttributeList(USER_RESOURCE, list),
        (error) => error instanceof AppError && error.code === 'invalidValue',
      );
    });
  }
});

describe('projectResource (RFC 7643 §7 returned, RFC 7644 §3.9)', () => {
  const cases: { title: string; attributes?: string; excluded?: string; expect: JsonObject }[] = [
    { title: 'by default every default attribute, never the password', expect: BABS_DEFAULT },
    {
      title: 'attributes=userName keeps schemas and id (returned always)',
      attributes: 'userName',
      expect: { schemas: BABS.schemas, id: '2819c223', userName: 'bjensen@example.com' },
    },
    {
      title: 'a complex attribute named whole keeps all of its sub-attributes',
      attributes: 'name',
      expect: { schemas: BABS.schemas, id: '2819c223', name: BABS.name as JsonObject },
    },
    {
      title: 'a sub-attribute named keeps just it',
      attributes: 'name.givenName',
      expect: { schemas: BABS.schemas, id: '2819c223', name: { givenName: 'Barbara' } },
    },
    {
      title: 'a multi-valued sub-attribute named keeps it in every element',
      attributes: 'emails.value',
      expect: {
        schemas: BABS.schemas,
        id: '2819c223',
        emails: [{ value: 'bjensen@example.com' }, { value: 'babs@jensen.org' }],
      },
    },
    {
      title: 'an extension attribute named by its URN path',
      attributes: `${ENTERPRISE}:manager.value`,
      expect: { schemas: BABS.schemas, id: '2819c223', [ENTERPRISE]: { manager: { value: '26118915' } } },
    },
    {
      title: 'the bare extension URN returns the extension',
      attributes: ENTERPRISE,
      expect: { schemas: BABS.schemas, id: '2819c223', [ENTERPRISE]: BABS[ENTERPRISE] as JsonObject },
    },
    {
      title: 'naming password does not return it (returned never)',
      attributes: 'userName,password',
      expect: { schemas: BABS.schemas, id: '2819c223', userName: 'bjensen@example.com' },
    },
    {
      title: 'meta is returned when named',
      attributes: 'meta.created',
      expect: { schemas: BABS.schemas, id: '2819c223', meta: { created: '2010-01-23T04:56:22Z' } },
    },
    {
      title: 'excludedAttributes drops the attributes named',
      excluded: 'emails,groups,meta',
      expect: {
        schemas: BABS.schemas,
        id: '2819c223',
        externalId: '701984',
        userName: 'bjensen@example.com',
        name: BABS.name as JsonObject,
        active: true,
        [ENTERPRISE]: BABS[ENTERPRISE] as JsonObject,
      },
    },
    {
      title: 'excluding a sub-attribute drops it from every element',
      excluded: `emails.type,emails.primary,name,${ENTERPRISE}:manager,groups,meta,id,userName,externalId,active`,
      expect: {
        schemas: BABS.schemas,
        id: '2819c223',
        emails: [{ value: 'bjensen@example.com' }, { value: 'babs@jensen.org' }],
        [ENTERPRISE]: { department: 'Tour Operations' },
      },
    },
    {
      title: 'id cannot be excluded (returned always)',
      attributes: 'id',
      excluded: 'id',
      expect: { schemas: BABS.schemas, id: '2819c223' },
    },
    {
      title: 'an extension left empty is dropped',
      attributes: 'userName',
      excluded: ENTERPRISE,
      expect: { schemas: BABS.schemas, id: '2819c223', userName: 'bjensen@example.com' },
    },
  ];
  for (const c of cases) {
    test(c.title, () => assert.deepEqual(project(c.attributes, c.excluded), c.expect));
  }

  test('keys the schemas do not define never leave', () => {
    assert.deepEqual(
      project(undefined, undefined, USER_RESOURCE, { ...BABS_DEFAULT, internalNote: 'x' }),
      BABS_DEFAULT,
    );
  });

  test('Entra’s excludedAttributes=members leaves members out of a group', () => {
    const group = {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
      id: 'g-1',
      displayName: 'G',
      members: [{ value: 'u-1' }],
    };
    assert.deepEqual(project(undefined, 'members', GROUP_RESOURCE, group), {
      schemas: group.schemas,
      id: 'g-1',
      displayName: 'G',
    });
  });

  test('a returned:request attribute appears only when named', () => {
    const rt: ResourceTypeDef = {
      ...USER_RESOURCE,
      schema: {
        ...USER_RESOURCE.schema,
        attributes: [...USER_RESOURCE.schema.attributes, attr('audit', 'string', { returned: 'request' })],
      },
    };
    const resource = { schemas: [USER_URN], id: '1', userName: 'ada', audit: 'x' };
    assert.deepEqual(project(undefined, undefined, rt, resource), {
      schemas: [USER_URN],
      id: '1',
      userName: 'ada',
    });
    assert.deepEqual(project('audit', undefined, rt, resource), { schemas: [USER_URN], id: '1', audit: 'x' });
  });
});

describe('wantsAttribute', () => {
  const cases: [string | undefined, string | undefined, boolean][] = [
    [undefined, undefined, true],
    [undefined, 'members', false],
    ['displayName', undefined, false],
    ['members', undefined, true],
    ['members.value', undefined, true],
    [undefined, 'members.display', true],
  ];
  for (const [attributes, excludedAttributes, wanted] of cases) {
    test(`members with attributes=${attributes ?? ''} excludedAttributes=${excludedAttributes ?? ''}: ${wanted}`, () => {
      const projection = {
        attributes: parseAttributeList(GROUP_RESOURCE, attributes),
        excludedAttributes: parseAttributeList(GROUP_RESOURCE, excludedAttributes),
      };
      assert.equal(wantsAttribute(GROUP_RESOURCE, projection, 'members'), wanted);
    });
  }
});
