import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { launchChromium, screenshot } from '../helpers/browser.ts';
import { expectConsoleClean, signedInConsole } from '../helpers/console.ts';
import { residentId, uscc } from '../helpers/identity.ts';
import { zhang } from '../factories/cast.ts';
import { appointed, type Session, signedIn, townshipStaff } from '../factories/people.ts';
import { twoTownships } from '../factories/places.ts';
import { importRegistry } from '../factories/registry.ts';

/**
 * R5.2 and issue 12 in the console's 业主名册: an organisation, and the developer (here recorded
 * as a person, holding developer-held units), are verified only in person and only by township
 * staff — with the business licence (its credit code the registry's) and the representative who
 * came, as the API's `organisation` form asks. A committee member or organiser is not offered it.
 */
let t: TestApp;
let browser: Browser;
let base: string;
let places: Awaited<ReturnType<typeof twoTownships>>;
let staff: Session;
let organiser: Session;
const shop = { name: '翠湖商贸有限公司', id: uscc('91350100M00020002'), idType: 'uscc' };
const personDeveloper = { name: '赵开发', id: residentId('19600101', 44) };

beforeAll(async () => {
  browser = await launchChromium();
  t = await createTestApp();
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  places = await twoTownships(t);
  await importRegistry(t, places.staffA, places.estateA, [
    { registryNo: 'R-1', building: '1栋', room: '101', area: '90.00', owners: [zhang] },
    { registryNo: 'S-1', building: '1栋', room: '商1', area: '40.00', kind: 'commercial', owners: [shop] },
    { registryNo: 'D-1', building: '1栋', room: '商2', area: '40.00', kind: 'commercial', developerHeld: true, owners: [personDeveloper] },
  ]);
  staff = await townshipStaff(t, places.admin, places.townshipA);
  organiser = await appointed(t, places.staffA, places.estateA, 'organiser');
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

const fresh = (session: Session) => signedIn(t, session.phone);
const rowOf = (page: Page, registryNo: string) => page.locator('.registry__units .el-table__body tbody tr', { hasText: registryNo });
async function choose(page: Page, dialog: ReturnType<Page['getByRole']>, label: string, option: string) {
  await dialog.getByRole('combobox', { name: label }).click({ force: true });
  await page.getByRole('option', { name: option }).click();
}

describe('in-person verification of an organisation or the developer', () => {
  it('a committee member or organiser is not offered it; a person still is', async () => {
    const { context, page } = await signedInConsole(browser, base, await fresh(organiser));
    try {
      await page.goto(`${base}/console/estates/${places.estateA}/registry`);
      await rowOf(page, 'S-1').waitFor();
      expect(await rowOf(page, 'S-1').getByRole('button', { name: /现场核验/ }).count()).toBe(0);
      expect(await rowOf(page, 'D-1').getByRole('button', { name: /现场核验/ }).count()).toBe(0);
      expect(await rowOf(page, 'R-1').getByRole('button', { name: /现场核验/ }).count()).toBe(1);
    } finally {
      await context.close();
    }
  }, 60_000);

  it('township staff record the licence and the representative; a licence that is not the registry’s is refused and said', async () => {
    const { context, page } = await signedInConsole(browser, base, await fresh(staff));
    try {
      await page.goto(`${base}/console/estates/${places.estateA}/registry`);
      const row = rowOf(page, 'S-1');
      await row.getByRole('button', { name: `现场核验：${shop.name}` }).click();
      const dialog = page.getByRole('dialog', { name: '现场核验单位业主或建设单位' });
      await dialog.waitFor();
      expect(await dialog.getByRole('button', { name: '记录核验' }).isDisabled()).toBe(true);
      await dialog.getByLabel('代表单位登录用的手机号').fill('13600000031');
      // Another company's licence first.
      await dialog.getByLabel('营业执照上的统一社会信用代码').fill(uscc('91350100M00090009'));
      await dialog.getByLabel('代表人姓名').fill('孙经办');
      await choose(page, dialog, '代表人身份', '授权代理人（持单位书面授权）');
      await dialog.getByLabel('代表人证件号码').fill(residentId('19900909', 66));
      await dialog.getByLabel('查验说明（可不填；不要写证件号码）').fill('营业执照原件、授权委托书原件、经办人身份证原件');
      await expect.poll(() => dialog.evaluate((el) => (globalThis as unknown as { getComputedStyle(e: unknown): { opacity: string } }).getComputedStyle(el.closest('.el-overlay') ?? el).opacity)).toBe('1');
      await expectConsoleClean(page, 'organisation verify dialog');
      await screenshot(page, 'console-registry-7-verify-organisation');
      await dialog.getByRole('button', { name: '记录核验' }).click();
      await confirmBox(page);
      await dialog.getByText('营业执照上的统一社会信用代码与名册登记的不一致，没有记录这次核验。').waitFor();
      expect(await bindings()).toEqual([]);

      // The licence in front of the desk, the registry's.
      await dialog.getByLabel('营业执照上的统一社会信用代码').fill(shop.id);
      await dialog.getByRole('button', { name: '记录核验' }).click();
      const said = await confirmBox(page);
      expect(said).toContain(`您已当面查验 ${shop.name} 的营业执照，以及授权代理人（持单位书面授权） 孙经办 的居民身份证，并把这个业主绑定到手机号 13600000031 的账号`);
      await page.getByText(`已记录：${shop.name} 已现场核验，绑定到 13600000031。`).waitFor();
      await expect.poll(() => row.textContent()).toContain('现场核验');
      expect(await bindings()).toEqual([
        { name: shop.name, level: 'in_person', document_type: 'uscc', representative_name: '孙经办', representative_capacity: 'authorised_agent', representative_id_tail: residentId('19900909', 66).slice(-4), licence: true },
      ]);

      // The developer recorded as a person is asked for the licence form too (the API says it is in-person-only).
      await rowOf(page, 'D-1').getByRole('button', { name: `现场核验：${personDeveloper.name}` }).click();
      const second = page.getByRole('dialog', { name: '现场核验单位业主或建设单位' });
      await second.waitFor();
      await second.getByLabel('营业执照上的统一社会信用代码').waitFor();
      await second.getByRole('button', { name: '取消' }).click();
    } finally {
      await context.close();
    }
  }, 90_000);
});

async function confirmBox(page: Page): Promise<string> {
  const box = page.getByRole('dialog', { name: '确认记录这次核验？' });
  await box.waitFor();
  const text = (await box.textContent()) ?? '';
  await box.getByRole('button', { name: '确认记录' }).click();
  await box.waitFor({ state: 'hidden' });
  return text;
}

async function bindings() {
  const rows = await t.testDatabase.database.db
    .selectFrom('owner_bindings')
    .innerJoin('owners', 'owners.id', 'owner_bindings.owner_id')
    .select(['owners.name', 'owner_bindings.level', 'owner_bindings.document_type', 'owner_bindings.representative_name', 'owner_bindings.representative_capacity', 'owner_bindings.representative_id_tail', 'owner_bindings.licence_key'])
    .where('owner_bindings.revoked_at', 'is', null)
    .where('owners.estate_id', '=', places.estateA)
    .execute();
  return rows.map(({ licence_key, ...r }) => ({ ...r, licence: licence_key !== null }));
}
