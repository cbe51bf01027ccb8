import { z } from 'zod';
import { ProblemError } from '../problems.ts';

/** Who signs access tokens, for whom, and for how long (seconds: @fastify/jwt multiplies by 1000 itself). */
export const TOKEN_ISSUER = 'gongjue';
export const TOKEN_AUDIENCE = 'gongjue-api';
export const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;

/**
 * Who is asking: the subject of a verified access token and the roles it was
 * granted. Roles are scoped: staff to a township, committee members and
 * organisers to an estate, API clients to the estates or townships named in
 * their registration.
 */
export const grantSchema = z.discriminatedUnion('role', [
  z.object({ role: z.literal('admin') }),
  z.object({ role: z.literal('township_staff'), townshipId: z.uuid() }),
  z.object({ role: z.literal('committee'), estateId: z.uuid() }),
  z.object({ role: z.literal('organiser'), estateId: z.uuid() }),
  z.object({ role: z.literal('owner'), estateId: z.uuid(), ownerId: z.uuid() }),
  z.object({
    role: z.literal('client'),
    access: z.enum(['read', 'read_write']),
    townshipIds: z.array(z.uuid()).default([]),
    estateIds: z.array(z.uuid()).default([]),
  }),
]);

export type Grant = z.infer<typeof grantSchema>;

export const accessClaimsSchema = z.object({
  sub: z.string().min(1),
  kind: z.enum(['person', 'client']),
  grants: z.array(grantSchema),
  /** A person's session: the refresh-token family the token was issued for (src/identity/access-revocation.ts). */
  sid: z.uuid().optional(),
});

export type AccessClaims = z.infer<typeof accessClaimsSchema>;

export interface Principal {
  subject: string;
  kind: 'person' | 'client';
  grants: Grant[];
  /**
   * A person's session (the family of refresh tokens of one login). An access
   * token is honoured only while its session lives, so logging out, a reused
   * refresh token or a removed role stops it at once. API clients have none:
   * their tokens live while the client is not revoked.
   */
  session?: string;
}

export function principalFromClaims(claims: unknown): Principal {
  const parsed = accessClaimsSchema.parse(claims);
  const principal: Principal = { subject: parsed.sub, kind: parsed.kind, grants: parsed.grants };
  if (parsed.sid !== undefined) principal.session = parsed.sid;
  return principal;
}

export function claimsOf(principal: Principal): AccessClaims {
  const claims: AccessClaims = { sub: principal.subject, kind: principal.kind, grants: principal.grants };
  if (principal.session !== undefined) claims.sid = principal.session;
  return claims;
}

/** How the audit log names whoever acted. */
export function actorOf(principal: Principal): string {
  return principal.kind === 'client' ? `client:${principal.subject}` : `account:${principal.subject}`;
}

/** The account id of a person; API clients have none and are refused with the given reason. */
export function accountOf(principal: Principal, refusal = 'Only people, not API clients, may do this'): string {
  if (principal.kind !== 'person') throw new ProblemError('forbidden', refusal);
  return principal.subject;
}
