import assert from 'node:assert/strict';
import { test } from 'node:test';
import { serviceProviderConfig } from '../../../../src/scim/discovery/service-provider-config.ts';

const limits = { maxResults: 200, defaultPageSize: 100, maxPayloadSize: 1_048_576, maxOperations: 1000 };

test('changePassword is supported exactly when the tenant syncs passwords', () => {
  assert.deepEqual(serviceProviderConfig('https://x', limits).changePassword, { supported: false });
  assert.deepEqual(serviceProviderConfig('https://x', { ...limits, changePassword: false }).changePassword, {
    supported: false,
  });
  assert.deepEqual(serviceProviderConfig('https://x', { ...limits, changePassword: true }).changePassword, {
    supported: true,
  });
});
