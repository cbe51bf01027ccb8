import { randomUUID } from 'node:crypto';
import type { FaceCheckOutcome, FaceCheckStart, FaceCheckStarted, FaceProvider } from './face-provider.ts';

/**
 * A face-verification provider for development and tests (FACE_PROVIDER=development;
 * refused in production): no page, no face. `start` answers a URL straight
 * back to the redirect, carrying the token, and the outcome passes for the
 * name and identity number the check was started with. Checks are kept in
 * this process's memory only.
 */
export function developmentFaceProvider(): FaceProvider {
  const started = new Map<string, { name: string; idNumber: string }>();
  return {
    name: 'development',
    async start(input: FaceCheckStart): Promise<FaceCheckStarted> {
      const token = `dev-${randomUUID()}`;
      started.set(token, { name: input.name, idNumber: input.idNumber });
      const url = new URL(input.redirectUrl);
      url.searchParams.set('token', token);
      return { token, url: url.toString() };
    },
    async outcome(token: string): Promise<FaceCheckOutcome> {
      const check = started.get(token);
      if (check === undefined) return { status: 'failed', reason: 'no such check' };
      return { status: 'passed', name: check.name, idNumber: check.idNumber, providerReference: token };
    },
  };
}
