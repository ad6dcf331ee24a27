// The reference for every ratio: a bare node:http server answering the same SCIM reads from a Map,
// with no framework, no database and no auth. Run as its own process by bench/run.ts.
import http from 'node:http';

const count = Number(process.argv[2] ?? 10000);
const users = new Map<string, Record<string, unknown>>();
const byUserName = new Map<string, Record<string, unknown>>();
for (let i = 0; i < count; i++) {
  const user = {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
    id: `ref-${i}`,
    userName: `user${i}@example.com`,
    name: { givenName: 'Ada', familyName: 'Lovelace' },
    emails: [{ primary: true, type: 'work', value: `user${i}@example.com` }],
    active: true,
  };
  users.set(user.id, user);
  byUserName.set(user.userName, user);
}
const all = [...users.values()];

function send(res: http.ServerResponse, body: unknown) {
  res.writeHead(200, { 'content-type': 'application/scim+json' });
  res.end(JSON.stringify(body));
}

const list = (resources: unknown[], total: number) => ({
  schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'],
  totalResults: total,
  startIndex: 1,
  itemsPerPage: resources.length,
  Resources: resources,
});

http
  .createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const id = /\/Users\/([^/]+)$/.exec(url.pathname)?.[1];
    if (id) return send(res, users.get(id));
    const filter = url.searchParams.get('filter');
    const userName = filter && /userName eq "([^"]+)"/.exec(filter)?.[1];
    if (userName) {
      const user = byUserName.get(userName);
      return send(res, list(user ? [user] : [], user ? 1 : 0));
    }
    return send(res, list(all.slice(0, 100), all.length));
  })
  .listen(Number(process.argv[3] ?? 0), '127.0.0.1', function (this: http.Server) {
    const address = this.address();
    process.stdout.write(`${typeof address === 'object' && address ? address.port : 0}\n`);
  });
