import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { type Cluster, startCluster } from './pg-cluster.ts';

/**
 * Which adapter the shared suites (test/http, test/store, test/conformance) run against. The test
 * runner runs them once per engine; `SCIMITAR_TEST_ENGINE=postgres` picks PostgreSQL by hand.
 */
export const ENGINE: 'sqlite' | 'postgres' =
  process.env.SCIMITAR_TEST_ENGINE === 'postgres' ? 'postgres' : 'sqlite';

let cluster: Promise<Cluster> | undefined;

/**
 * A superuser URL: the runner's shared cluster (SCIMITAR_TEST_PG_URL), DATABASE_URL, or else a cluster
 * of this process's own, destroyed when it exits.
 */
export async function adminUrl(): Promise<string> {
  const given = process.env.SCIMITAR_TEST_PG_URL ?? process.env.DATABASE_URL;
  if (given) return given;
  cluster ??= startCluster().then((c) => {
    process.once('exit', () => c.destroy());
    return c;
  });
  return (await cluster).url;
}

export interface TestDatabase {
  /** What SCIMITAR_DATABASE would hold: a SQLite file path or a postgres:// URL. */
  readonly database: string;
  drop(): Promise<void>;
}

/** A new, empty PostgreSQL database on the test cluster, or on the cluster at `admin`. */
export async function freshPostgresDatabase(admin?: string): Promise<TestDatabase> {
  admin ??= await adminUrl();
  const name = `scimitar_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client(admin);
  await client.connect();
  await client.query(`CREATE DATABASE ${name}`);
  await client.end();
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return {
    database: url.toString(),
    async drop() {
      const c = new pg.Client(admin as string);
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/** A new, empty database of the engine under test. */
export async function freshDatabase(): Promise<TestDatabase> {
  return ENGINE === 'postgres' ? freshPostgresDatabase() : freshSqliteDatabase();
}

/** A new SQLite file in a directory of its own, removed on drop. */
export function freshSqliteDatabase(): TestDatabase {
  const dir = mkdtempSync(join(tmpdir(), 'scimitar-test-'));
  return {
    database: join(dir, 'scimitar.db'),
    async drop() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
