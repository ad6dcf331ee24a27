/** Server settings, parsed once at start-up and passed down explicitly. */
export interface Config {
  /** Address to listen on (SCIMITAR_HOST). Loopback by default: exposing it is a decision. */
  readonly host: string;
  /** Port (SCIMITAR_PORT). */
  readonly port: number;
  /** SQLite file path, or a postgres:// URL (SCIMITAR_DATABASE). */
  readonly database: string;
  /** Origin the server publishes in URLs and `meta.location` (SCIMITAR_PUBLIC_URL); else from the request. */
  readonly publicUrl: string | undefined;
  /**
   * Which proxies to believe about the client's address and scheme (X-Forwarded-For/-Proto), as
   * SCIMITAR_TRUST_PROXY: `true` for any, or comma-separated addresses/CIDRs. Unset: none, so behind a
   * TLS proxy cookies would miss `Secure` and the recorded client address would be the proxy's.
   */
  readonly trustProxy: boolean | string | undefined;
  /** Largest accepted request body in bytes: a 1,000-member PATCH is about 60 KB. */
  readonly bodyLimit: number;
  /** List page size when the client gives no `count`, and the most a client may ask for. */
  readonly defaultCount: number;
  readonly maxCount: number;
  /**
   * Longest time a request may run, from its first byte to its answer (SCIMITAR_REQUEST_DEADLINE_MS),
   * below the IdPs' own timeouts (Entra's is 60 s): one still running then gets 503 with Retry-After.
   */
  readonly requestDeadlineMs: number;
  /** Longest time to receive a whole request (headers and body): a third of the deadline; slower clients get 408. */
  readonly requestTimeoutMs: number;
  /**
   * On SIGTERM, how long new requests are answered 503 with `Connection: close` before the server stops
   * listening, so clients move their kept-alive connections off instead of finding them reset.
   */
  readonly shutdownDrainMs: number;
  /** How long SIGTERM waits for in-flight requests before exiting anyway. */
  readonly shutdownGraceMs: number;
  readonly logLevel: string;
  /** How long a JWT requested with an admin's password lasts (SCIMITAR_JWT_LIFETIME, e.g. 90d). */
  readonly jwtLifetimeSeconds: number;
  /**
   * SCIM requests per second each tenant may make, sustained (SCIMITAR_RATE_LIMIT; 0: no limit), and
   * the burst it may make at once (SCIMITAR_RATE_BURST). Generous: IdPs must sustain 25/s.
   */
  readonly rateLimitPerSecond: number;
  readonly rateLimitBurst: number;
  /**
   * Failed sign-ins (any credential) one client address may make on one tenant per window, and
   * failed sign-ins one address may make for one username of a tenant, before its failures get 429
   * until the window ends (SCIMITAR_FAILED_LOGINS_PER_IP, SCIMITAR_FAILED_LOGINS_PER_ACCOUNT). Other
   * addresses and other tenants go on; see LoginGuard for which valid credentials still get in.
   */
  readonly failedLoginsPerIp: number;
  readonly failedLoginsPerAccount: number;
  readonly failedLoginWindowSeconds: number;
  /** Failure counters kept in memory at most (each well under a kilobyte). */
  readonly failedLoginCounters: number;
  readonly webhooks: WebhookSettings;
}

/** The webhook delivery worker that every serve process runs (SCIMITAR_WEBHOOK_*, in milliseconds). */
export interface WebhookSettings {
  /** How long an idle worker waits before looking for due deliveries again (…_POLL_MS). */
  readonly pollMs: number;
  /** How long a claim holds its rows; a killed process's rows are delivered by another after it (…_LEASE_MS). */
  readonly leaseMs: number;
  /** Deliveries claimed at once per tenant (…_BATCH). */
  readonly batchSize: number;
  /** Longest wait for an endpoint's answer (…_TIMEOUT_MS). */
  readonly timeoutMs: number;
  /** Wait before the first retry; each later one waits four times longer, up to maxBackoffMs (…_BACKOFF_MS). */
  readonly backoffMs: number;
  readonly maxBackoffMs: number;
  /** Attempts before a delivery is marked failed (…_MAX_ATTEMPTS). */
  readonly maxAttempts: number;
}

export const DEFAULTS = {
  host: '127.0.0.1',
  port: 8080,
  database: './data/scimitar.db',
  bodyLimit: 1024 * 1024,
  defaultCount: 100,
  maxCount: 1000,
  requestDeadlineMs: 30_000,
  requestTimeoutMs: 10_000,
  shutdownDrainMs: 1_000,
  shutdownGraceMs: 10_000,
  logLevel: 'info',
  jwtLifetimeSeconds: 90 * 86_400,
  rateLimitPerSecond: 200,
  rateLimitBurst: 400,
  failedLoginsPerIp: 100,
  failedLoginsPerAccount: 10,
  failedLoginWindowSeconds: 900,
  failedLoginCounters: 100_000,
  // 10 s, 40 s, 2.7 min … 12 h: twelve attempts span about two and a half days, as peers retry.
  webhooks: {
    pollMs: 1_000,
    leaseMs: 60_000,
    batchSize: 50,
    timeoutMs: 10_000,
    backoffMs: 10_000,
    maxBackoffMs: 12 * 3600_000,
    maxAttempts: 12,
  },
} as const;

const UNIT_SECONDS = { s: 1, m: 60, h: 3_600, d: 86_400 } as const;

/** `90d`, `12h`, `30m`, `45s`: a whole number of seconds; throws on anything else. */
export function parseDuration(text: string): number {
  const match = /^([1-9]\d{0,6})([dhms])$/.exec(text);
  if (!match) throw new Error(`invalid duration '${text}': use e.g. 90d, 12h, 30m or 45s`);
  return Number(match[1]) * UNIT_SECONDS[match[2] as keyof typeof UNIT_SECONDS];
}

export interface ConfigInput {
  host?: string | undefined;
  port?: string | number | undefined;
  database?: string | undefined;
  publicUrl?: string | undefined;
}

function port(value: string | number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new Error(`invalid port: ${value}`);
  return n;
}

function count(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`invalid ${name}: ${value} (a whole number)`);
  return n;
}

function publicUrl(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const url = new URL(value);
  return url.origin + url.pathname.replace(/\/+$/, '');
}

function positive(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`invalid ${name}: ${value}`);
  return n;
}

function webhookSettings(env: NodeJS.ProcessEnv): WebhookSettings {
  const d = DEFAULTS.webhooks;
  const settings = {
    pollMs: positive('SCIMITAR_WEBHOOK_POLL_MS', env.SCIMITAR_WEBHOOK_POLL_MS, d.pollMs),
    leaseMs: positive('SCIMITAR_WEBHOOK_LEASE_MS', env.SCIMITAR_WEBHOOK_LEASE_MS, d.leaseMs),
    batchSize: positive('SCIMITAR_WEBHOOK_BATCH', env.SCIMITAR_WEBHOOK_BATCH, d.batchSize),
    timeoutMs: positive('SCIMITAR_WEBHOOK_TIMEOUT_MS', env.SCIMITAR_WEBHOOK_TIMEOUT_MS, d.timeoutMs),
    backoffMs: positive('SCIMITAR_WEBHOOK_BACKOFF_MS', env.SCIMITAR_WEBHOOK_BACKOFF_MS, d.backoffMs),
    maxBackoffMs: positive(
      'SCIMITAR_WEBHOOK_MAX_BACKOFF_MS',
      env.SCIMITAR_WEBHOOK_MAX_BACKOFF_MS,
      d.maxBackoffMs,
    ),
    maxAttempts: positive('SCIMITAR_WEBHOOK_MAX_ATTEMPTS', env.SCIMITAR_WEBHOOK_MAX_ATTEMPTS, d.maxAttempts),
  };
  // A worker sends nothing it could not finish within its lease, so a shorter lease would send nothing.
  if (settings.timeoutMs >= settings.leaseMs)
    throw new Error('SCIMITAR_WEBHOOK_TIMEOUT_MS must be shorter than SCIMITAR_WEBHOOK_LEASE_MS');
  return settings;
}

function trustProxy(value: string | undefined): boolean | string | undefined {
  if (!value || value === 'false') return undefined;
  return value === 'true' ? true : value;
}

/** Flags win over environment variables, which win over defaults. */
export function parseConfig(flags: ConfigInput, env: NodeJS.ProcessEnv = process.env): Config {
  const requestDeadlineMs = positive(
    'SCIMITAR_REQUEST_DEADLINE_MS',
    env.SCIMITAR_REQUEST_DEADLINE_MS,
    DEFAULTS.requestDeadlineMs,
  );
  return Object.freeze({
    ...DEFAULTS,
    host: flags.host ?? env.SCIMITAR_HOST ?? DEFAULTS.host,
    port: port(flags.port ?? env.SCIMITAR_PORT ?? DEFAULTS.port),
    database: flags.database ?? env.SCIMITAR_DATABASE ?? DEFAULTS.database,
    publicUrl: publicUrl(flags.publicUrl ?? env.SCIMITAR_PUBLIC_URL),
    trustProxy: trustProxy(env.SCIMITAR_TRUST_PROXY),
    logLevel: env.SCIMITAR_LOG_LEVEL ?? DEFAULTS.logLevel,
    requestDeadlineMs,
    // Well before the deadline, so a body trickling in is cut off with 408, not 503.
    requestTimeoutMs: Math.max(1, Math.floor(requestDeadlineMs / 3)),
    jwtLifetimeSeconds: env.SCIMITAR_JWT_LIFETIME
      ? parseDuration(env.SCIMITAR_JWT_LIFETIME)
      : DEFAULTS.jwtLifetimeSeconds,
    rateLimitPerSecond: count('SCIMITAR_RATE_LIMIT', env.SCIMITAR_RATE_LIMIT, DEFAULTS.rateLimitPerSecond),
    rateLimitBurst: count('SCIMITAR_RATE_BURST', env.SCIMITAR_RATE_BURST, DEFAULTS.rateLimitBurst),
    failedLoginsPerIp: count(
      'SCIMITAR_FAILED_LOGINS_PER_IP',
      env.SCIMITAR_FAILED_LOGINS_PER_IP,
      DEFAULTS.failedLoginsPerIp,
    ),
    failedLoginsPerAccount: count(
      'SCIMITAR_FAILED_LOGINS_PER_ACCOUNT',
      env.SCIMITAR_FAILED_LOGINS_PER_ACCOUNT,
      DEFAULTS.failedLoginsPerAccount,
    ),
    webhooks: webhookSettings(env),
  });
}
