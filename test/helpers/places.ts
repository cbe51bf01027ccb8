import { bearer, type TestApp } from './app.ts';
import { twoTownshipsWith } from './two-townships.ts';

let codes = 0;

/** Two townships with an estate each, made through the admin's routes (test/helpers/two-townships.ts). */
export function twoTownships(t: TestApp) {
  return twoTownshipsWith(t, {
    township: async (admin, name) => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/v1/townships',
        headers: bearer(admin),
        payload: { code: String(350_881_100 + ++codes), name },
      });
      if (res.statusCode !== 201) throw new Error(res.body);
      return res.json().id as string;
    },
    estate: async (admin, townshipId, name, settings = {}) => {
      const res = await t.app.inject({
        method: 'POST',
        url: `/v1/townships/${townshipId}/estates`,
        headers: bearer(admin),
        payload: { name, settings },
      });
      if (res.statusCode !== 201) throw new Error(res.body);
      return res.json().id as string;
    },
  });
}

/** Uploads and applies a registry CSV; returns the applied import. */
export async function importRegistry(t: TestApp, token: string, estateId: string, csv: string) {
  const preview = await t.app.inject({
    method: 'POST',
    url: `/v1/estates/${estateId}/registry-imports`,
    headers: { ...bearer(token), 'content-type': 'text/csv' },
    payload: csv,
  });
  if (preview.statusCode !== 201) throw new Error(`preview: ${preview.body}`);
  const applied = await t.app.inject({
    method: 'POST',
    url: `/v1/estates/${estateId}/registry-imports/${preview.json().id}/apply`,
    headers: bearer(token),
  });
  if (applied.statusCode !== 200) throw new Error(`apply: ${applied.body}`);
  return applied.json();
}
