import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../src/clock.ts';
import type { SmsOutcome, SmsProvider } from '../../src/notifications/sms-provider.ts';
import { bearer, createTestApp, type TestApp } from '../helpers/app.ts';
import { ARTIFACTS, launchChromium, screenshot } from '../helpers/browser.ts';
import { expectConsoleClean, signedInConsole } from '../helpers/console.ts';
import { runDueJobs, testJobDeps } from '../helpers/jobs.ts';
import { li, wang, zhang } from '../factories/cast.ts';
import { draftMeeting } from '../factories/meetings.ts';
import { appointed, type Session, signedIn } from '../factories/people.ts';
import { twoTownships } from '../factories/places.ts';
import { importRegistry } from '../factories/registry.ts';

/**
 * The console's meetings (issue 16): an organiser calls a meeting and writes a motion of every
 * kind through the form (yes/no, options, election, a stairwell's lift), sees the rule of each
 * matter as the service states it, attaches a PDF, changes and removes motions, previews what
 * owners see, is refused the notice as too early with the reason in words, moves the opening and
 * publishes, prints the notice (A4, through Chromium's PDF), and sees who was told — a failed SMS
 * with its reason — and re-sends it.
 */

// 10:00 in Shanghai: outside the SMS quiet hours.
const T0 = new Date('2026-12-01T02:00:00Z');
const FAILING_PHONE = '13800000002';
const PDF = Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n');

let t: TestApp;
let browser: Browser;
let base: string;
let clock: ReturnType<typeof manualClock>;
let estateId: string;
let organiser: Session;
const answers = new Map<string, SmsOutcome>();

/** A provider that fails for the phones told and sends the rest. */
const provider: SmsProvider = {
  name: 'scripted',
  async send(request) {
    return answers.get(request.phone) ?? { status: 'sent', providerMessageId: `p-${request.phone}-${request.kind}` };
  },
};

beforeAll(async () => {
  browser = await launchChromium();
  clock = manualClock(T0);
  t = await createTestApp({ clock, sms: provider });
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  const places = await twoTownships(t);
  // Lifts need two-thirds of their stairwell here (R3.6): the rule the form shows says so.
  estateId = await places.estate(places.townshipA, '碧水湾', { liftConsentTwoThirds: true, residentsCommitteePhone: '13900000009' });
  await importRegistry(t, places.staffA, estateId, [
    { registryNo: 'R-1', building: '1栋', stair: '1单元', room: '101', area: '90.00', owners: [{ ...zhang, phone: '13800000001' }] },
    { registryNo: 'R-2', building: '1栋', stair: '1单元', room: '201', area: '80.00', owners: [{ ...li, phone: FAILING_PHONE }] },
    { registryNo: 'R-3', building: '1栋', stair: '2单元', room: '101', area: '70.00', owners: [wang] },
  ]);
  organiser = await appointed(t, places.staffA, estateId, 'organiser');
}, 90_000);
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

const radio = (scope: Page | Locator, name: string) => scope.locator('label.el-radio', { hasText: name });

/** Fills the open motion form's common fields. */
async function writeMotion(page: Page, kind: string, title: string, text: string) {
  const form = page.locator('.meeting__new-motion');
  await radio(form, kind).click();
  await form.getByLabel('表决事项标题').fill(title);
  await form.getByLabel('表决事项说明').fill(text);
  return form;
}

async function saveMotion(page: Page, count: number) {
  await page.getByRole('button', { name: '保存表决事项' }).click();
  await page.getByRole('status').filter({ hasText: '表决事项已保存。' }).waitFor();
  await expect.poll(() => page.locator('.meeting__motion').count()).toBe(count);
}

describe('the console’s meetings', () => {
  it('walks a meeting from the form to its notice, printout and deliveries', async () => {
    const { context, page } = await signedInConsole(browser, base, organiser);
    try {
      await page.goto(`${base}/console/estates/${estateId}/meetings`);
      await page.getByRole('heading', { name: '会议', level: 1 }).waitFor();
      await page.getByText('这个小区还没有会议').waitFor();
      await expectConsoleClean(page, 'meetings, none');
      await screenshot(page, 'console-meetings-1-list-empty');

      // Call a meeting whose voting opens too soon after today (the notice period is 15 days).
      await page.getByRole('button', { name: '召集会议' }).click();
      await page.getByRole('heading', { name: '召集业主大会会议' }).waitFor();
      await page.getByLabel('会议名称').fill('2027年第一次业主大会会议');
      await page.getByLabel('会议说明（可不填）').fill('审议物业续聘、选举业委会、加装电梯等事项。');
      await page.getByLabel('开始表决时间').fill('2026-12-05T09:00');
      await page.getByLabel('表决截止时间').fill('2026-12-12T18:00');
      await expectConsoleClean(page, 'new meeting');
      await screenshot(page, 'console-meetings-2-new');
      await page.getByRole('button', { name: '保存为草稿' }).click();
      await page.waitForURL(/\/console\/estates\/[^/]+\/meetings\/[0-9a-f-]{36}$/);
      const meetingId = page.url().split('/').pop()!;
      await page.getByRole('heading', { name: '2027年第一次业主大会会议', level: 1 }).waitFor();
      await page.getByText('还没有表决事项').waitFor();

      // The rule of each of the nine matters, as the service states it for this estate, shown as the matter is picked.
      const rules = (
        await t.app.inject({ method: 'GET', url: `/v1/estates/${estateId}/rules`, headers: bearer(organiser.accessToken) })
      ).json<{ items: { matter: string; words: { zh: string }; statute: { zh: string } }[] }>().items;
      expect(rules).toHaveLength(9);
      await page.getByRole('button', { name: '添加表决事项' }).click();
      const matter = page.getByLabel('事项类别（民法典第二百七十八条）');
      await expect.poll(() => matter.locator('option').count()).toBe(9);
      const words = page.getByTestId('rule-words');
      for (const rule of rules) {
        await matter.selectOption(rule.matter);
        await expect.poll(() => words.textContent()).toBe(rule.words.zh);
      }
      await matter.selectOption('maintenance_fund_raise');
      await page.getByText(`依据：${rules[5]!.statute.zh}`).waitFor();
      expect(await words.textContent()).toBe('参与表决的面积和人数都要达到三分之二，同意的面积和人数都要达到四分之三');

      // 1. Yes/no, ordinary.
      let form = await writeMotion(page, '同意 / 反对 / 弃权', '续聘阳光物业', '合同期三年，服务标准不变。');
      await matter.selectOption('property_manager');
      await expect.poll(() => words.textContent()).toBe('参与表决的面积和人数都要达到三分之二，同意的面积和人数都要过半数');
      // Its document: a PDF uploaded to the estate's attachments and cited by the motion.
      await form.getByLabel('上传 PDF').setInputFiles({ name: '物业服务合同.pdf', mimeType: 'application/pdf', buffer: PDF });
      await form.getByRole('link', { name: '物业服务合同.pdf' }).waitFor();
      await expectConsoleClean(page, 'motion form, yes/no');
      await screenshot(page, 'console-meetings-3-motion-yes-no');
      await saveMotion(page, 1);

      // 2. Options: one of three companies; the words say who must agree.
      await page.getByRole('button', { name: '添加表决事项' }).click();
      form = await writeMotion(page, '从几个选项中选一个', '选聘物业服务企业', '从三家应标企业中选一家。');
      await matter.selectOption('property_manager');
      await expect.poll(() => words.textContent()).toBe('参与表决的面积和人数都要达到三分之二，选择同一选项的面积和人数都要过半数');
      await form.getByLabel('选项 1', { exact: true }).fill('甲物业公司');
      await form.getByLabel('选项 2', { exact: true }).fill('乙物业公司');
      await form.getByRole('button', { name: '增加一个选项' }).click();
      await form.getByLabel('选项 3', { exact: true }).fill('丙物业公司');
      await expectConsoleClean(page, 'motion form, options');
      await saveMotion(page, 2);

      // 3. Election: the matter is fixed to item 3; seats and candidates.
      await page.getByRole('button', { name: '添加表决事项' }).click();
      form = await writeMotion(page, '选举（有名额和候选人）', '选举第一届业主委员会委员', '应选 2 名。');
      await expect.poll(() => matter.inputValue()).toBe('committee_election');
      expect(await matter.isDisabled()).toBe(true);
      await expect.poll(() => words.textContent()).toBe('参与表决的面积和人数都要达到三分之二，每位当选人得到的面积和人数都要过半数');
      await form.getByLabel('应选名额').first().fill('2');
      await form.getByLabel('应选名额').first().press('Tab');
      await form.getByLabel('候选人 1', { exact: true }).fill('张三');
      await form.getByRole('button', { name: '增加一位候选人' }).click();
      await form.getByLabel('候选人 2', { exact: true }).fill('李四');
      await form.getByRole('button', { name: '增加一位候选人' }).click();
      await form.getByLabel('候选人 3', { exact: true }).fill('王五');
      await expectConsoleClean(page, 'motion form, election');
      await screenshot(page, 'console-meetings-4-motion-election');
      await saveMotion(page, 3);

      // 4. A stairwell's lift: rebuild, scoped to 1栋1单元, with the stairwell's consent in the rule.
      await page.getByRole('button', { name: '添加表决事项' }).click();
      form = await writeMotion(page, '加装电梯（按单元表决）', '1栋1单元加装电梯', '费用按楼层分摊。');
      await expect.poll(() => matter.inputValue()).toBe('rebuild');
      await expect.poll(() => words.textContent()).toBe(
        '参与表决的面积和人数都要达到三分之二，同意的面积和人数都要达到四分之三，加装电梯还要本单元三分之二以上的业主同意',
      );
      // A stairwell the registry does not have: the service's refusal, as a sentence.
      await form.getByLabel('楼栋').fill('1栋');
      await form.getByLabel('单元', { exact: true }).fill('9单元');
      await page.getByRole('button', { name: '保存表决事项' }).click();
      await form.locator('.problem-alert').filter({ hasText: '业主名册里没有“1栋9单元”' }).waitFor();
      await form.getByLabel('单元', { exact: true }).fill('1单元');
      await expectConsoleClean(page, 'motion form, lift');
      await screenshot(page, 'console-meetings-5-motion-lift');
      await saveMotion(page, 4);

      // Change the first motion in its place; add a fifth and remove it again, after a confirmation.
      const first = page.locator('.meeting__motion').first();
      await first.getByRole('button', { name: '修改' }).click();
      await first.getByLabel('表决事项标题').fill('续聘阳光物业服务有限公司');
      await first.getByRole('button', { name: '保存表决事项' }).click();
      await page.locator('.meeting__motion').first().getByRole('heading', { name: '续聘阳光物业服务有限公司' }).waitFor();
      await page.getByRole('button', { name: '添加表决事项' }).click();
      await writeMotion(page, '同意 / 反对 / 弃权', '临时议题', '');
      await saveMotion(page, 5);
      await page.locator('.meeting__motion').nth(4).getByRole('button', { name: '删除' }).click();
      const removeBox = page.getByRole('dialog');
      await removeBox.getByText('将从草稿中删除“临时议题”').waitFor();
      await removeBox.getByRole('button', { name: '删除' }).click();
      await expect.poll(() => page.locator('.meeting__motion').count()).toBe(4);
      const saved = (await t.app.inject({ method: 'GET', url: `/v1/meetings/${meetingId}`, headers: bearer(organiser.accessToken) })).json<{
        motions: { title: string; kind: string; liftInstallation: boolean; scope: unknown; options: unknown; candidates: unknown; seats: number | null }[];
      }>();
      expect(saved.motions.map((m) => [m.title, m.kind, m.liftInstallation])).toEqual([
        ['续聘阳光物业服务有限公司', 'yes_no', false],
        ['选聘物业服务企业', 'options', false],
        ['选举第一届业主委员会委员', 'election', false],
        ['1栋1单元加装电梯', 'yes_no', true],
      ]);
      const [document] = (saved.motions[0] as unknown as { documents: { name: string; url: string; sha256: string }[] }).documents;
      expect(document).toMatchObject({ name: '物业服务合同.pdf', url: expect.stringMatching(new RegExp(`^${base}/v1/meetings/${meetingId}/documents/[0-9a-f-]{36}$`)) });
      const fetched = await t.app.inject({ method: 'GET', url: new URL(document!.url).pathname, headers: bearer(organiser.accessToken) });
      expect(fetched.statusCode).toBe(200);
      expect(fetched.rawPayload.equals(PDF)).toBe(true);
      expect(fetched.headers['x-content-sha256']).toBe(document!.sha256);
      expect(saved.motions[1]!.options).toEqual([
        { id: 'o1', label: '甲物业公司' },
        { id: 'o2', label: '乙物业公司' },
        { id: 'o3', label: '丙物业公司' },
      ]);
      expect(saved.motions[2]).toMatchObject({ seats: 2, candidates: [{ name: '张三' }, { name: '李四' }, { name: '王五' }] });
      expect(saved.motions[3]!.scope).toEqual({ kind: 'stair', building: '1栋', stair: '1单元' });
      await expectConsoleClean(page, 'draft meeting');
      await screenshot(page, 'console-meetings-6-draft');

      // Preview: the service's answer for the draft, as owners' cards.
      await page.getByRole('link', { name: '预览业主看到的内容' }).click();
      await page.getByRole('heading', { name: '业主看到的内容' }).waitFor();
      const cards = page.locator('.phone__card');
      await expect.poll(() => cards.count()).toBe(4);
      await cards.nth(3).getByText('表决范围：1栋1单元').waitFor();
      await cards.nth(3).getByText('怎样算通过：参与表决的面积和人数都要达到三分之二，同意的面积和人数都要达到四分之三，加装电梯还要本单元三分之二以上的业主同意').waitFor();
      await cards.nth(2).getByText('最多选 2 人').waitFor();
      await cards.nth(0).getByRole('link', { name: '打开材料：物业服务合同.pdf' }).waitFor();
      expect(await cards.nth(1).locator('li').allTextContents()).toEqual(['甲物业公司', '乙物业公司', '丙物业公司', '弃权']);
      await expectConsoleClean(page, 'preview');
      await screenshot(page, 'console-meetings-7-preview');
      await page.getByRole('link', { name: '返回会议' }).click();

      // Publishing: the confirmation says what it does; the service refuses it as too early, in words.
      await page.getByRole('button', { name: '发布会议公告' }).click();
      const publishBox = page.getByRole('dialog');
      await publishBox.getByText('4 项表决事项被锁定').waitFor();
      await screenshot(page, 'console-meetings-8-publish-confirm');
      await publishBox.getByRole('button', { name: '发布', exact: true }).click();
      const refusal = page.locator('.problem-alert').filter({ hasText: '现在还不能发布会议公告' });
      await refusal.waitFor();
      expect(await refusal.textContent()).toContain('公告发布后至少满 15 天才能开始表决，今天发布的话，开始表决时间最早是 2026-12-16 10:00（Asia/Shanghai）');
      await expectConsoleClean(page, 'notice refused');
      await screenshot(page, 'console-meetings-9-publish-refused');
      expect((await t.app.inject({ method: 'GET', url: `/v1/meetings/${meetingId}`, headers: bearer(organiser.accessToken) })).json()).toMatchObject({ status: 'draft' });

      // Fixed: voting opens after the notice period; then published.
      await page.getByLabel('开始表决时间').fill('2026-12-17T09:00');
      await page.getByLabel('表决截止时间').fill('2026-12-31T18:00');
      await page.getByRole('button', { name: '保存修改' }).click();
      await page.getByRole('status').filter({ hasText: '会议信息已保存。' }).waitFor();
      await page.getByText('表决时间：2026-12-17 09:00 至 2026-12-31 18:00（Asia/Shanghai）').waitFor();
      await page.getByRole('button', { name: '发布会议公告' }).click();
      await page.getByRole('dialog').getByRole('button', { name: '发布', exact: true }).click();
      await page.getByRole('status').filter({ hasText: '会议公告已发布' }).waitFor();
      await page.getByText('会议公告已发布，表决事项已锁定').waitFor();
      expect(await page.getByRole('button', { name: '修改' }).count()).toBe(0);
      expect(await page.getByRole('button', { name: '开始表决' }).count()).toBe(1);

      // Who was told: the SMS go out, one phone fails with the provider's reason.
      answers.set(FAILING_PHONE, { status: 'failed', retryable: false, reason: 'isv.MOBILE_NUMBER_ILLEGAL' });
      await runDueJobs(testJobDeps(t, clock));
      const deliveries = page.locator('.deliveries');
      await deliveries.getByRole('button', { name: '刷新' }).click();
      const failures = deliveries.locator('.deliveries__failures');
      await failures.getByText('138****0002').waitFor();
      await failures.getByText('isv.MOBILE_NUMBER_ILLEGAL').waitFor();
      const noticeRow = deliveries.locator('.deliveries__kinds tbody tr').first();
      // Owners told 3; reached 4 (the residents' committee too, by phone); inbox 4; then the SMS by state.
      expect((await noticeRow.locator('td').allTextContents()).map((s) => s.trim())).toEqual(['会议公告', '3', '4', '4', '0', '2', '0', '1']);
      await expectConsoleClean(page, 'noticed meeting with deliveries');
      await screenshot(page, 'console-meetings-10-deliveries');
      // On a phone (375 px) too: the bar and the navigation wrap, only the tables scroll sideways, inside themselves.
      await page.setViewportSize({ width: 375, height: 800 });
      await expectConsoleClean(page, 'deliveries at 375 px');
      await screenshot(page, 'console-meetings-10-deliveries-375');
      await page.setViewportSize({ width: 1366, height: 768 });

      // Re-send the failed one, after a confirmation; this time it goes.
      answers.clear();
      await deliveries.getByRole('button', { name: '重发失败的短信' }).click();
      const resendBox = page.getByRole('dialog');
      await resendBox.getByText('将把 1 条失败的短信重新发送一次').waitFor();
      await resendBox.getByRole('button', { name: '重发', exact: true }).click();
      await deliveries.getByRole('status').filter({ hasText: '已重新安排发送 1 条短信。' }).waitFor();
      await runDueJobs(testJobDeps(t, clock));
      await deliveries.getByRole('button', { name: '刷新' }).click();
      await deliveries.getByText('没有发送失败的短信。').waitFor();
      expect(t.sentSms.filter((m) => m.kind === 'meeting_noticed' && m.phone === FAILING_PHONE)).toHaveLength(1);

      // Print: the notice on A4 with the estate, meeting, date and page numbers; the console's frame is not printed.
      await page.getByRole('link', { name: '打印会议公告' }).click();
      await page.getByRole('heading', { name: '碧水湾业主大会会议公告' }).waitFor();
      await page.getByText('2026年12月1日').waitFor();
      await expectConsoleClean(page, 'notice print view');
      await screenshot(page, 'console-meetings-11-print-view');
      const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
      const file = path.join(ARTIFACTS, 'console-meetings-notice.pdf');
      writeFileSync(file, pdf);
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      const info = execFileSync('pdfinfo', [file]).toString();
      expect(info).toMatch(/Page size:\s+59[45]\.\d+ x 841\.\d+ pts \(A4\)/);
      const pages = Number(/Pages:\s+(\d+)/.exec(info)![1]);
      // The PDF's words without its line breaks (a long line wraps where the page ends).
      const text = execFileSync('pdftotext', [file, '-']).toString().replace(/\s+/g, '');
      expect(text).toContain('碧水湾业主大会会议公告');
      expect(text).toContain('2027年第一次业主大会会议');
      expect(text).toContain('2026-12-1709:00至2026-12-3118:00');
      expect(text).toContain('2026年12月1日');
      expect(text).toContain('加装电梯还要本单元三分之二以上的业主同意');
      expect(text).toContain('会议材料：物业服务合同.pdf');
      // Every page: the estate and meeting at its head, its number and the count at its foot.
      expect(text.split('碧水湾·2027年第一次业主大会会议').length - 1).toBe(pages);
      for (let n = 1; n <= pages; n++) expect(text).toContain(`第${n}页，共${pages}页`);
      expect(text).not.toContain('扫楼名单');
      expect(text).not.toContain('打印');
    } finally {
      await context.close();
    }
  }, 240_000);

  it('the rule shown is the chosen way of voting’s, whichever of the form’s two reads of the rules is answered last', async () => {
    const meetingId = await draftMeeting(t, organiser.accessToken, estateId, {
      title: '规则读取顺序',
      votingOpensAt: new Date(T0.getTime() + 16 * 86_400_000),
      votingClosesAt: new Date(T0.getTime() + 30 * 86_400_000),
      motions: [],
    });
    // A session of its own: the first test used the organiser's single-use refresh cookie.
    const { context, page } = await signedInConsole(browser, base, await signedIn(t, organiser.phone));
    try {
      // The form opens as yes/no and reads its rules; switched at once to options, it reads them again.
      // The first read's answer is held back until after the second's: the later answer is the stale one.
      let stale: (() => void) | undefined;
      const staleDone = new Promise<void>((resolve) => (stale = resolve));
      await page.route(/\/v1\/estates\/[^/]+\/rules\?.*kind=yes_no/, async (route) => {
        await new Promise((resolve) => setTimeout(resolve, 1500));
        await route.continue();
      });
      page.on('requestfinished', (request) => {
        if (/\/rules\?.*kind=yes_no/.test(request.url())) stale?.();
      });
      await page.goto(`${base}/console/estates/${estateId}/meetings/${meetingId}`);
      await page.getByRole('heading', { name: '规则读取顺序', level: 1 }).waitFor();
      await page.getByRole('button', { name: '添加表决事项' }).click();
      const form = page.locator('.meeting__new-motion');
      await radio(form, '从几个选项中选一个').click();
      await page.getByLabel('事项类别（民法典第二百七十八条）').selectOption('property_manager');
      const words = page.getByTestId('rule-words');
      const optionsWords = '参与表决的面积和人数都要达到三分之二，选择同一选项的面积和人数都要过半数';
      await expect.poll(() => words.textContent()).toBe(optionsWords);
      // The yes/no answer arrives now, after the options one; the page's next frame still says the options' rule.
      await staleDone;
      await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 200)));
      expect(await words.textContent()).toBe(optionsWords);
    } finally {
      await context.close();
    }
  }, 60_000);
});
