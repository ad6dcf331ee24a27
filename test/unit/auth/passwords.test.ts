import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hashPassword, verifyPassword } from '../../../src/auth/passwords.ts';

test('passwords are argon2id at OWASP parameters and verify only with the right password', async () => {
  const hash = await hashPassword('correct horse battery');
  assert.match(hash, /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  assert.equal(await verifyPassword(hash, 'correct horse battery'), true);
  assert.equal(await verifyPassword(hash, 'Correct horse battery'), false);
  assert.equal(
    await verifyPassword(undefined, 'anything'),
    false,
    'an unknown user fails, after a decoy check',
  );
  assert.equal(await verifyPassword('not a hash', 'anything'), false, 'a malformed hash fails, never throws');
});

test('a flood of checks queues behind a few slots, and past the queue is refused without hashing', async () => {
  const hash = await hashPassword('correct horse battery');
  const results = await Promise.all(Array.from({ length: 300 }, () => verifyPassword(hash, 'guess')));
  const busy = results.filter((r) => r === 'busy').length;
  assert.ok(busy > 0 && busy < 300, `some refused as busy (${busy}), the rest checked`);
  assert.ok(results.every((r) => r === false || r === 'busy'));
  assert.equal(
    await verifyPassword(hash, 'correct horse battery'),
    true,
    'it recovers once the flood drains',
  );
});
