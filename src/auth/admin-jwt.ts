import { randomBytes } from 'node:crypto';
import { decodeProtectedHeader, jwtVerify, SignJWT } from 'jose';
import type { AdminRecord, SigningKey, Store, TenantId } from '../store/port.ts';
import type { Actor } from './actor.ts';
import { isLiveAdmin } from './live-admin.ts';

const ALGORITHM = 'HS256';

/** Issuer and audience name the tenant, so a token of one tenant never verifies for another. */
const issuerOf = (tenant: TenantId) => `urn:scimitar:tenants:${tenant}`;
const audienceOf = (tenant: TenantId) => `urn:scimitar:tenants:${tenant}:scim`;

/** A new HS256 key for the tenant's admin JWTs: 256 random bits. */
export function newSigningKey(at: string): Omit<SigningKey, 'retiredAt' | 'tenant'> {
  return {
    kid: randomBytes(12).toString('base64url'),
    algorithm: ALGORITHM,
    secret: randomBytes(32).toString('base64url'),
    createdAt: at,
  };
}

const material = (key: SigningKey) => Buffer.from(key.secret, 'base64url');

/** A JWT that acts for `admin` on the tenant's SCIM API, signed with `key`, valid from `now` for `lifetimeSeconds`. */
export function signAdminJwt(
  key: SigningKey,
  admin: AdminRecord,
  lifetimeSeconds: number,
  now: Date,
): Promise<string> {
  const issuedAt = Math.floor(now.getTime() / 1000);
  return new SignJWT({ tenant: admin.tenant, name: admin.username })
    .setProtectedHeader({ alg: ALGORITHM, kid: key.kid, typ: 'JWT' })
    .setIssuer(issuerOf(admin.tenant))
    .setAudience(audienceOf(admin.tenant))
    .setSubject(admin.id)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + lifetimeSeconds)
    .sign(material(key));
}

/** Whether a bearer value looks like a JWS compact serialisation rather than an opaque token. */
export function looksLikeJwt(token: string): boolean {
  return /^eyJ[\w-]*\.[\w-]+\.[\w-]+$/.test(token);
}

/**
 * The admin a JWT acts for, or undefined when it is not this tenant's, is signed with a retired or
 * unknown key, has expired, or names an admin who is disabled or gone.
 */
export function adminJwtAuth(store: Store, now: () => Date) {
  return async function verifyAdminJwt(tenant: TenantId, token: string): Promise<Actor | undefined> {
    let kid: string | undefined;
    try {
      kid = decodeProtectedHeader(token).kid;
    } catch {
      return undefined;
    }
    // A forged header may carry anything; NUL would be a database error on PostgreSQL, not a 401.
    if (typeof kid !== 'string' || kid.includes('\0')) return undefined;
    const key = await store.forTenant(tenant).signingKeys.get(kid);
    if (!key || key.retiredAt !== undefined) return undefined;
    let subject: string | undefined;
    try {
      const { payload } = await jwtVerify(token, material(key), {
        algorithms: [key.algorithm],
        issuer: issuerOf(tenant),
        audience: audienceOf(tenant),
        currentDate: now(),
        requiredClaims: ['sub', 'exp'],
      });
      const sub = payload.sub;
      subject = payload.tenant === tenant && typeof sub === 'string' && !sub.includes('\0') ? sub : undefined;
    } catch {
      return undefined;
    }
    const admin = subject === undefined ? undefined : await store.forTenant(tenant).admins.get(subject);
    if (!isLiveAdmin(admin)) return undefined;
    return { tenant, kind: 'jwt', credentialId: admin.id, name: admin.username, scope: 'write' };
  };
}
