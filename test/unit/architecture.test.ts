import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { test } from 'node:test';

const SRC = resolve('src');

/** Which layers each layer may import (DESIGN.md: dependencies point down only). */
/** `errors/` (the error catalog) is a leaf that imports nothing, and that every layer may import. */
const ALLOWED: Record<string, readonly string[]> = {
  errors: ['errors'],
  scim: ['scim', 'errors'],
  store: ['store', 'scim', 'errors'],
  auth: ['auth', 'store', 'scim', 'errors'],
  events: ['events', 'store', 'scim', 'errors', 'config.ts'],
  service: ['service', 'events', 'store', 'scim', 'auth', 'errors', 'config.ts'],
  http: ['http', 'service', 'auth', 'scim', 'store', 'errors', 'config.ts'],
  conformance: ['conformance', 'scim', 'errors'],
  cli: ['*'],
  'compose.ts': ['*'],
  'config.ts': [],
};

/** Packages the pure core must never use: it does no I/O. */
const FORBIDDEN_IN_SCIM = /^(fastify|pg|better-sqlite3|pino|node:fs|node:http|node:net|node:child_process)/;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : [];
  });
}

function layerOf(path: string): string {
  return relative(SRC, path).split('/')[0] ?? '';
}

function importsOf(source: string): string[] {
  return [...source.matchAll(/^\s*(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]/gm)].map((m) => m[1] ?? '');
}

/** The imports that bring in values, not only types: `import { a, type B }` does, `import type { B }` does not. */
function valueImportsOf(source: string): { names: string; specifier: string }[] {
  return [...source.matchAll(/^\s*(?:import|export)\s+(?!type\s)([^'"]*?)\s*from\s+['"]([^'"]+)['"]/gm)]
    .map((m) => ({ names: m[1] ?? '', specifier: m[2] ?? '' }))
    .filter(({ names }) => !/^\{(\s*type\s+\w+\s*,?)*\}$/.test(names));
}

/** Where the store is opened and handed to the use cases: the app's composition, and the CLI's. */
const COMPOSITION_ROOT = ['compose.ts', 'cli/database-option.ts'];

test('each layer imports only the layers below it', () => {
  const violations: string[] = [];
  for (const file of files(SRC)) {
    const layer = layerOf(file);
    const allowed = ALLOWED[layer];
    assert.ok(allowed, `unknown layer ${layer} (${file}): add it to the table`);
    for (const specifier of importsOf(readFileSync(file, 'utf8'))) {
      if ((layer === 'scim' || layer === 'errors') && FORBIDDEN_IN_SCIM.test(specifier))
        violations.push(`${file} imports ${specifier}`);
      if (!specifier.startsWith('.')) continue;
      const target = layerOf(resolve(dirname(file), specifier));
      if (!allowed.includes('*') && !allowed.includes(target))
        violations.push(`${file} imports ${target}/ (${specifier})`);
    }
  }
  assert.deepEqual(violations, []);
});

for (const layer of ['http', 'events']) {
  test(`${layer}/ reaches storage only through the port, never an adapter`, () => {
    const adapters = files(join(SRC, layer)).filter((f) =>
      /store\/(sqlite|sql|postgres)\//.test(readFileSync(f, 'utf8')),
    );
    assert.deepEqual(adapters, []);
  });
}

test('http/ and cli/ reach the store only through the use cases in service/', () => {
  const violations: string[] = [];
  const surfaces = [...files(join(SRC, 'http')), ...files(join(SRC, 'cli'))];
  for (const file of surfaces.filter((f) => !COMPOSITION_ROOT.includes(relative(SRC, f)))) {
    const source = readFileSync(file, 'utf8');
    for (const { names, specifier } of valueImportsOf(source)) {
      const target = specifier.startsWith('.') ? layerOf(resolve(dirname(file), specifier)) : '';
      // Types, the store's error classes, which the renderers answer (StoreUnavailableError: 503), and
      // the constructor of tenant ids, which touches no store.
      const values = names
        .replace(/^\{|\}$/g, '')
        .split(',')
        .map((name) => name.trim());
      const harmless = values.every((name) => /^type\s|Error$|^parseTenantId$/.test(name));
      if (target === 'store' && !harmless) violations.push(`${file} imports ${names} from ${specifier}`);
    }
    if (/\.store\b|\bstore\./.test(source)) violations.push(`${file} calls the store`);
  }
  assert.deepEqual(violations, []);
});
