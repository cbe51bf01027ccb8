import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestApp, type TestApp } from '../helpers/app.ts';
import { zhang } from '../factories/cast.ts';
import { appointed, townshipStaff, verifiedOwner } from '../factories/people.ts';
import { twoTownships } from '../factories/places.ts';
import { importRegistry } from '../factories/registry.ts';

/** The smallest files of each kind: real headers, then some bytes. */
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('IHDR fake png body')]);
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('JFIF fake jpeg body')]);
const PDF = Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n');

let t: TestApp;
let p: Awaited<ReturnType<typeof twoTownships>>;
let organiser: { accessToken: string };
let committee: { accessToken: string };
let staff: { accessToken: string };
let otherOrganiser: { accessToken: string };
let owner: { accessToken: string };

beforeAll(async () => {
  t = await createTestApp();
  p = await twoTownships(t);
  await importRegistry(t, p.staffA, p.estateA, [{ registryNo: 'R-1', building: '1栋', room: '101', area: '100.00', owners: [zhang] }]);
  organiser = await appointed(t, p.staffA, p.estateA, 'organiser');
  committee = await appointed(t, p.staffA, p.estateA, 'committee');
  staff = await townshipStaff(t, p.admin, p.townshipA);
  otherOrganiser = await appointed(t, p.staffB, p.estateB, 'organiser');
  owner = await verifiedOwner(t, zhang);
});
afterAll(async () => t?.close());

const upload = (token: string, body: Buffer | string, contentType: string, name = '1栋101 表决票.png', estateId = p.estateA) =>
  t.app.inject({
    method: 'POST',
    url: `/v1/estates/${estateId}/attachments?name=${encodeURIComponent(name)}`,
    headers: { ...bearer(token), 'content-type': contentType },
    payload: body,
  });
const download = (token: string, url: string) => t.app.inject({ method: 'GET', url, headers: bearer(token) });
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('attachments', () => {
  it('keeps a PNG, a JPEG and a PDF, typed by their bytes, with their SHA-256, and gives them back as they were', async () => {
    for (const [file, type, name] of [[PNG, 'image/png', '表决票.png'], [JPEG, 'image/jpeg', 'scan.jpg'], [PDF, 'application/pdf', '委托书.pdf']] as const) {
      const kept = await upload(organiser.accessToken, file, type, name);
      expect(kept.statusCode).toBe(201);
      expect(kept.json()).toMatchObject({ name, contentType: type, size: file.length, sha256: sha256(file) });
      expect(kept.json().url).toBe(`/v1/estates/${p.estateA}/attachments/${kept.json().id}`);
      const got = await download(committee.accessToken, kept.json().url);
      expect(got.statusCode).toBe(200);
      expect(got.rawPayload.equals(file)).toBe(true);
      expect(got.headers['content-type']).toBe(type);
      expect(got.headers['cache-control']).toBe('no-store');
      expect(got.headers['x-content-type-options']).toBe('nosniff');
      expect(got.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent(name)}`);
      expect(got.headers['content-disposition']).toMatch(/^attachment; filename="[\x20-\x7e]+"/);
    }
  });

  it('sent as octet-stream, the type is what the bytes are; the name keeps no folder', async () => {
    const kept = await upload(committee.accessToken, JPEG, 'application/octet-stream', '../../etc/委托书.jpg');
    expect(kept.statusCode).toBe(201);
    expect(kept.json()).toMatchObject({ contentType: 'image/jpeg', name: '委托书.jpg' });
  });

  it('township staff of the estate’s township may upload and download', async () => {
    const kept = await upload(staff.accessToken, PDF, 'application/pdf');
    expect(kept.statusCode).toBe(201);
    expect((await download(staff.accessToken, kept.json().url)).statusCode).toBe(200);
  });

  it('judges by content: a file that is no PDF/JPEG/PNG, or one sent as another type, is refused and nothing is kept', async () => {
    const before = await t.testDatabase.database.db.selectFrom('attachments').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    const exe = await upload(organiser.accessToken, Buffer.from('MZ\x90\x00 not a scan'), 'application/pdf', 'scan.pdf');
    expect(exe.statusCode).toBe(415);
    expect(exe.headers['content-type']).toContain('application/problem+json');
    expect(exe.json().type).toBe('urn:gongjue:problem:unsupported-media-type');
    const html = await upload(organiser.accessToken, '<html><script>alert(1)</script>', 'text/html', 'x.png');
    expect(html.statusCode).toBe(415);
    const lying = await upload(organiser.accessToken, PNG, 'application/pdf', 'scan.pdf');
    expect(lying.statusCode).toBe(415);
    expect(lying.json().detail).toContain('PNG');
    const json = await t.app.inject({
      method: 'POST',
      url: `/v1/estates/${p.estateA}/attachments?name=a.pdf`,
      headers: bearer(organiser.accessToken),
      payload: { file: 'base64…' },
    });
    expect(json.statusCode).toBe(415);
    const empty = await upload(organiser.accessToken, Buffer.alloc(0), 'image/png');
    expect(empty.statusCode).toBe(400);
    const noName = await t.app.inject({
      method: 'POST',
      url: `/v1/estates/${p.estateA}/attachments`,
      headers: { ...bearer(organiser.accessToken), 'content-type': 'image/png' },
      payload: PNG,
    });
    expect(noName.statusCode).toBe(400);
    expect(noName.json().errors[0].path).toBe('query.name');
    const slashes = await upload(organiser.accessToken, PNG, 'image/png', '///');
    expect(slashes.statusCode).toBe(400);
    const after = await t.testDatabase.database.db.selectFrom('attachments').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  it('refuses a file over 10 MiB with 413', async () => {
    const big = Buffer.concat([PNG, Buffer.alloc(10 * 1024 * 1024)]);
    const tooBig = await upload(organiser.accessToken, big, 'image/png');
    expect(tooBig.statusCode).toBe(413);
    expect(tooBig.json().type).toBe('urn:gongjue:problem:payload-too-large');
  });

  it('to anyone else the estate’s attachments are not there (404), and who may not upload is refused before the body is read', async () => {
    const kept = (await upload(organiser.accessToken, PNG, 'image/png')).json();
    for (const outsider of [otherOrganiser.accessToken, owner.accessToken, p.staffB, p.admin]) {
      expect((await download(outsider, kept.url)).statusCode).toBe(404);
      expect((await upload(outsider, PNG, 'image/png')).statusCode).toBe(404);
    }
    // An oversized body from an outsider is answered 404 (the permission), not 413 (reading the body).
    const big = Buffer.concat([PNG, Buffer.alloc(10 * 1024 * 1024)]);
    expect((await upload(otherOrganiser.accessToken, big, 'image/png')).statusCode).toBe(404);
    // Another estate's organiser asking for it under their own estate: not there either.
    const underB = `/v1/estates/${p.estateB}/attachments/${kept.id}`;
    expect((await download(otherOrganiser.accessToken, underB)).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: kept.url })).statusCode).toBe(401);
    expect((await download(organiser.accessToken, `/v1/estates/${p.estateA}/attachments/not-a-uuid`)).statusCode).toBe(400);
  });
});
