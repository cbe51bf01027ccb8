import { bearer, type TestApp } from './app.ts';

let codes = 0;

/** Two townships with an estate each, and tokens for an admin and each township's staff. */
export async function twoTownships(t: TestApp) {
  const admin = await t.tokenFor({ role: 'admin' });
  const township = async (name: string) => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/townships',
      headers: bearer(admin),
      payload: { code: String(350_881_100 + ++codes), name },
    });
    if (res.statusCode !== 201) throw new Error(res.body);
    return res.json().id as string;
  };
  const estate = async (townshipId: string, name: string, settings: Record<string, unknown> = {}) => {
    const res = await t.app.inject({
      method: 'POST',
      url: `/v1/townships/${townshipId}/estates`,
      headers: bearer(admin),
      payload: { name, settings },
    });
    if (res.statusCode !== 201) throw new Error(res.body);
    return res.json().id as string;
  };
  const townshipA = await township('桂林街道');
  const townshipB = await township('菁城街道');
  const estateA = await estate(townshipA, '阳光花园');
  const estateB = await estate(townshipB, '翠湖苑');
  return {
    admin,
    townshipA,
    townshipB,
    estateA,
    estateB,
    estate,
    staffA: await t.tokenFor({ role: 'township_staff', townshipId: townshipA }),
    staffB: await t.tokenFor({ role: 'township_staff', townshipId: townshipB }),
    committeeA: await t.tokenFor({ role: 'committee', estateId: estateA }),
  };
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
