import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { AppError } from '../../../../src/errors/app-error.ts';
import type { ResourceDoc } from '../../../../src/scim/resource.ts';
import { attr, complex, type ResourceTypeDef } from '../../../../src/scim/schema/index.ts';
import { checkImmutable } from '../../../../src/scim/validate/index.ts';

const EXT = 'urn:example:params:scim:schemas:extension:device:2.0:Device';

/** A small schema with immutable attributes in every position the check covers. */
const DEVICE: ResourceTypeDef = {
  name: 'User',
  endpoint: '/Users',
  description: 'Device (test schema)',
  schema: {
    id: 'urn:example:params:scim:schemas:core:2.0:Device',
    name: 'Device',
    description: '',
    attributes: [
      attr('serial', 'string', { mutability: 'immutable' }),
      attr('label', 'string'),
      complex('origin', [attr('factory', 'string', { mutability: 'immutable' }), attr('batch', 'string')]),
      complex('ports', [attr('value', 'string', { mutability: 'immutable' }), attr('speed', 'integer')], {
        multiValued: true,
      }),
    ],
  },
  extensions: [
    {
      schema: {
        id: EXT,
        name: 'DeviceExt',
        description: '',
        attributes: [attr('asset', 'string', { mutability: 'immutable' })],
      },
      required: false,
    },
  ],
};

const device: ResourceDoc = {
  serial: 'S-1',
  label: 'Router',
  origin: { factory: 'Shenzhen', batch: 'B7' },
  ports: [{ value: 'eth0', speed: 1000 }],
  [EXT]: { asset: 'A-9' },
};

const change = (changes: ResourceDoc): ResourceDoc => ({ ...structuredClone(device), ...changes });

describe('checkImmutable (RFC 7643 §7)', () => {
  const allowed: [string, ResourceDoc, ResourceDoc][] = [
    ['an unchanged document', device, structuredClone(device)],
    ['a readWrite attribute changing', device, change({ label: 'Switch' })],
    [
      'an immutable attribute assigned for the first time',
      { label: 'Router' },
      { label: 'Router', serial: 'S-1' },
    ],
    [
      'a readWrite sub-attribute next to an immutable one',
      device,
      change({ origin: { factory: 'Shenzhen', batch: 'B8' } }),
    ],
    ['multi-valued elements added and removed', device, change({ ports: [{ value: 'eth1', speed: 10 }] })],
  ];
  for (const [title, before, after] of allowed) {
    test(`allows ${title}`, () => assert.doesNotThrow(() => checkImmutable(DEVICE, before, after)));
  }

  const refused: [string, ResourceDoc, string][] = [
    ['an immutable attribute changing', change({ serial: 'S-2' }), 'serial'],
    ['an immutable attribute removed', { ...device, serial: undefined }, 'serial'],
    [
      'an immutable sub-attribute changing',
      change({ origin: { factory: 'Austin', batch: 'B7' } }),
      'origin.factory',
    ],
    ['an immutable extension attribute changing', change({ [EXT]: { asset: 'A-10' } }), `${EXT}:asset`],
  ];
  for (const [title, after, name] of refused) {
    test(`refuses ${title} with mutability`, () => {
      assert.throws(
        () => checkImmutable(DEVICE, device, JSON.parse(JSON.stringify(after))),
        (error) =>
          error instanceof AppError && error.code === 'mutability' && error.message.includes(`"${name}"`),
      );
    });
  }
});
