import assert from 'node:assert/strict';
import { test } from 'node:test';
import { redactFilter } from '../../../src/scim/filter/index.ts';

test('a redacted filter keeps its shape and loses every string and number literal', () => {
  const cases: [string, string][] = [
    ['userName eq "ada@example.com"', 'userName eq "…"'],
    ['password eq "hunter2"', 'password eq "…"'],
    [
      'emails[type eq "work" and value co "@corp.example"] or not (x.y ge 42)',
      'emails[type eq "…" and value co "…"] or not (x.y ge "…")',
    ],
    ['active eq true and manager pr and title eq null', 'active eq true and manager pr and title eq null'],
    ['name.familyName sw "O\\"Brien" ', 'name.familyName sw "…" '],
    // An unquoted word where the value belongs is a value too, malformed or not.
    ['userName eq ada', 'userName eq "…"'],
  ];
  for (const [filter, logged] of cases) assert.equal(redactFilter(filter), logged, filter);
});

test('a filter that does not lex is redacted whole', () => {
  for (const filter of ['userName eq "ada@example.com', 'userName eq ada@example.com', 'x eq "a\\qb"'])
    assert.equal(redactFilter(filter), '"…"', filter);
});
