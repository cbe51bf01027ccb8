import { z } from 'zod';
import { MOBILE, normalisePhone } from '../identity/accounts.ts';

/** Schemas shared by several routes. */

export const phoneSchema = z
  .string()
  .max(20)
  .transform(normalisePhone)
  .pipe(z.string().regex(MOBILE, 'expected a mainland mobile number (11 digits starting with 1)'))
  .meta({ example: '13800138000' });

export const uuidParam = (what: string) => z.uuid(`expected ${what} id (UUID)`);

export const bearerSecurity = [{ bearer: [] }];
