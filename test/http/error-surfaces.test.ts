// The failures the framework and Node answer before any route runs, sent to every surface over a real
// port: never a 500, and every answer in that surface's own error format.
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { describe, test } from 'node:test';
import { useServer } from '../support/server.ts';

const BODY_LIMIT = 8192;
const t = useServer(undefined, { bodyLimit: BODY_LIMIT, requestTimeoutMs: 1000 });

interface Answer {
  readonly status: number;
  readonly headers: Headers;
  readonly body: Record<string, unknown>;
}

type Format = 'scim' | 'oauth' | 'admin';

/** Each surface: a POST endpoint, a path it does not have, and a method its endpoint does not take. */
const SURFACES: { name: string; format: Format; post: string; unknown: string; wrongMethod: string }[] = [
  {
    name: 'SCIM',
    format: 'scim',
    post: '/tenants/acme/scim/v2/Users',
    unknown: '/tenants/acme/scim/v2/Nonsense',
    wrongMethod: 'DELETE',
  },
  {
    name: 'OAuth token endpoint',
    format: 'oauth',
    post: '/tenants/acme/oauth/token',
    unknown: '/tenants/acme/oauth/nonsense',
    wrongMethod: 'GET',
  },
  {
    name: 'JWT endpoint',
    format: 'oauth',
    post: '/tenants/acme/auth/token',
    unknown: '/tenants/acme/auth/nonsense',
    wrongMethod: 'GET',
  },
  {
    name: 'admin API',
    format: 'admin',
    post: '/tenants/acme/admin/api/login',
    unknown: '/tenants/acme/admin/api/nonsense',
    wrongMethod: 'DELETE',
  },
];

function expectFormat(format: Format, answer: Answer, status: number): void {
  const what = `${status}: ${JSON.stringify(answer.body)}`;
  assert.equal(answer.status, status, what);
  const type = answer.headers.get('content-type') ?? '';
  if (format === 'scim') {
    assert.match(type, /^application\/scim\+json/);
    assert.deepEqual(answer.body.schemas, ['urn:ietf:params:scim:api:messages:2.0:Error'], what);
    assert.equal(answer.body.status, String(status));
    assert.equal(typeof answer.body.detail, 'string');
    if (status === 400) assert.equal(answer.body.scimType, 'invalidSyntax');
    else assert.equal(answer.body.scimType, undefined);
  } else if (format === 'oauth') {
    assert.match(type, /^application\/json/);
    assert.equal(answer.headers.get('cache-control'), 'no-store');
    assert.equal(answer.body.error, 'invalid_request', what);
    assert.equal(typeof answer.body.error_description, 'string');
    assert.equal(answer.body.schemas, undefined);
  } else {
    assert.match(type, /^application\/json/);
    assert.equal(answer.headers.get('www-authenticate'), null, 'no Basic challenge for the console');
    assert.equal(answer.body.status, status, what);
    assert.equal(typeof answer.body.error, 'string');
    assert.equal(typeof answer.body.detail, 'string');
    assert.equal(answer.body.schemas, undefined);
  }
}

async function request(method: string, path: string, contentType?: string, body?: string): Promise<Answer> {
  const headers: Record<string, string> = { Authorization: `Bearer ${t.server.token}` };
  if (contentType) headers['Content-Type'] = contentType;
  const res = await fetch(t.server.origin + path, {
    method,
    headers,
    ...(body === undefined ? {} : { body }),
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, unknown> };
}

/**
 * Writes `text` on a raw connection (what fetch cannot send: oversized headers, a body that never
 * ends) and parses the one answer before the server closes the connection.
 */
function rawExchange(text: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const socket = connect(Number(new URL(t.server.origin).port), '127.0.0.1');
    let received = '';
    socket.on('data', (chunk) => {
      received += chunk.toString('utf8');
    });
    socket.on('error', reject);
    socket.on('close', () => {
      const [head = '', body = ''] = received.split('\r\n\r\n');
      const [statusLine = '', ...lines] = head.split('\r\n');
      const headers = new Headers(
        lines.map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 1).trim()]),
      );
      const status = Number(statusLine.split(' ')[1]);
      resolve({ status, headers, body: JSON.parse(body) as Record<string, unknown> });
    });
    socket.write(text);
  });
}

const nested = (depth: number) => `{"a":${'['.repeat(depth)}${']'.repeat(depth)}}`;

for (const surface of SURFACES) {
  describe(`framework failures on the ${surface.name}`, () => {
    const post = (contentType: string, body: string) => request('POST', surface.post, contentType, body);

    test('a body over the limit is 413', async () => {
      const big = JSON.stringify({ username: 'x'.repeat(BODY_LIMIT), password: 'y' });
      expectFormat(surface.format, await post('application/json', big), 413);
    });

    test('malformed JSON is 400', async () => {
      expectFormat(surface.format, await post('application/json', '{"username": '), 400);
    });

    test('a content type the endpoint does not read is 415', async () => {
      expectFormat(surface.format, await post('text/plain', 'username=x'), 415);
    });

    test('a body nested too deep is 400', async () => {
      expectFormat(surface.format, await post('application/json', nested(100)), 400);
    });

    test('an unknown route is 404', async () => {
      expectFormat(surface.format, await request('GET', surface.unknown), 404);
    });

    test('a method the endpoint does not take is 405 with Allow', async () => {
      const answer = await request(surface.wrongMethod, surface.post);
      expectFormat(surface.format, answer, 405);
      assert.match(answer.headers.get('allow') ?? '', /POST/);
    });

    test('a header section over the limit is 431, answered by the server before any route', async () => {
      const answer = await rawExchange(
        `GET ${surface.post} HTTP/1.1\r\nHost: x\r\nX-Padding: ${'p'.repeat(20_000)}\r\n\r\n`,
      );
      expectFormat(surface.format, answer, 431);
    });

    test('a body that does not arrive in time is 408', async () => {
      const answer = await rawExchange(
        `POST ${surface.post} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${t.server.token}\r\n` +
          'Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{"username":',
      );
      expectFormat(surface.format, answer, 408);
    });
  });
}

test('the server still answers after every failure above', async () => {
  const res = await fetch(`${t.server.base}/Users?count=1`, {
    headers: { Authorization: `Bearer ${t.server.token}` },
  });
  assert.equal(res.status, 200);
});
