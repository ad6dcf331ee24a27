import assert from 'node:assert/strict';
import http from 'node:http';
import { after, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { exited, type ServeProcess, spawnServe } from '../support/cli.ts';
import { freshPostgresDatabase, type TestDatabase } from '../support/databases.ts';
import {
  childPids,
  connectionsByProcess,
  errorLogLines,
  httpGet,
  isAlive,
  killStrayServers,
  stderrOf,
  stopServers,
  tokenIn,
  waitFor,
} from '../support/pg-processes.ts';

// `scimitar serve --workers 3`: one primary, three node:cluster workers on one port and one database.

/** workers.ts treats a worker that dies sooner than this after its start as crashing, not as unlucky. */
const MIN_UPTIME_MS = 5_000;

let db: TestDatabase | undefined;
let server: ServeProcess | undefined;

after(async () => {
  if (server) await stopServers([server]);
  killStrayServers();
  await db?.drop();
});

/**
 * Proves that each of `workers` serves: opens connections one after another, each kept alive with an
 * answered request on it, until each worker holds at least one (read from /proc: there is no pid
 * header). Returns how many connections that took.
 */
async function eachServes(
  origin: string,
  auth: string,
  workers: readonly number[],
  most = 60,
): Promise<number> {
  const port = Number(new URL(origin).port);
  const agents: http.Agent[] = [];
  try {
    for (;;) {
      const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
      agents.push(agent);
      const res = await httpGet(
        `${origin}/tenants/default/scim/v2/Users?count=1`,
        { Authorization: auth },
        agent,
      );
      assert.equal(res.status, 200, res.body);
      const held = connectionsByProcess(port, workers);
      if ([...held.values()].every((n) => n > 0)) return agents.length;
      assert.ok(
        agents.length < most,
        `after ${most} connections, not every worker serves: ${JSON.stringify([...held])}`,
      );
    }
  } finally {
    for (const agent of agents) agent.destroy();
  }
}

test('serve --workers 3: one token, three serving workers, a killed worker is replaced, SIGTERM stops all', async (t) => {
  db = await freshPostgresDatabase();
  server = await spawnServe(db.database, ['--workers', '3']);
  // Every worker was forked before the primary printed: the crash guard's clock started before this.
  const listeningAt = Date.now();
  const stderr = stderrOf(server);
  const origin = server.origin;
  const primary = server.child.pid as number;
  const output = server.output();
  assert.equal(output.match(/API token:/g)?.length, 1, output);
  assert.equal(output.match(/Created tenant 'default'/g)?.length, 1, output);
  const auth = `Bearer ${tokenIn(output)}`;
  const users = `${origin}/tenants/default/scim/v2/Users`;

  const workers = childPids(primary);
  assert.equal(workers.length, 3, `the primary has three children: ${workers.join(', ')}`);
  t.diagnostic(`all three workers served within ${await eachServes(origin, auth, workers)} connections`);

  // A write on one worker is read on the others: they share the database, not memory.
  const created = await fetch(users, {
    method: 'POST',
    headers: { Authorization: auth, 'Content-Type': 'application/scim+json' },
    body: JSON.stringify({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
      userName: 'w@example.com',
    }),
  });
  assert.equal(created.status, 201);
  for (let i = 0; i < 6; i++) {
    const res = await httpGet(`${users}?filter=${encodeURIComponent('userName eq "W@example.com"')}`, {
      Authorization: auth,
    });
    assert.equal(JSON.parse(res.body).totalResults, 1);
  }

  // Kill a worker once it is past the crash-loop guard. Requests on new connections, sent right away
  // (a SIGKILLed process runs no more code once kill() returns, so it accepts none of them), must all
  // be answered by the survivors within the 5 s httpGet gives them.
  await sleep(Math.max(0, MIN_UPTIME_MS + 500 - (Date.now() - listeningAt)));
  const [victim, ...survivors] = workers as [number, ...number[]];
  process.kill(victim, 'SIGKILL');
  const answers = await Promise.allSettled(
    Array.from({ length: 9 }, async (_, i) => {
      await sleep(i * 2);
      return httpGet(`${users}?count=1`, { Authorization: auth });
    }),
  );
  const outcomes = answers.map((a) => (a.status === 'fulfilled' ? a.value.status : String(a.reason)));
  assert.deepEqual(outcomes, Array(9).fill(200), 'every request sent just after the kill is answered');

  const replaced = await waitFor(
    'a replacement worker',
    () => {
      const now = childPids(primary).filter(isAlive);
      return now.length === 3 && !now.includes(victim) ? now : undefined;
    },
    5_000,
  );
  assert.ok(!isAlive(victim));
  assert.match(stderr(), new RegExp(`worker ${victim} exited \\(SIGKILL\\)`));
  for (const pid of survivors) assert.ok(replaced.includes(pid), `worker ${pid} was left alone`);
  await eachServes(origin, auth, replaced);

  assert.deepEqual(errorLogLines(server.output()), []);
  server.child.kill('SIGTERM');
  assert.equal(await exited(server.child), 0, 'the primary exits 0 on SIGTERM');
  for (const pid of replaced) assert.ok(!isAlive(pid), `worker ${pid} exited with the primary`);
});
