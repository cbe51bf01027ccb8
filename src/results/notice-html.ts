import type { Notice, NoticeMotion } from './notice.ts';
import { createHash } from 'node:crypto';
import { assuranceMixText } from './assurance-mix.ts';

/**
 * The result notice as a printable Chinese page: A4, no external resources
 * (no fonts, scripts or images to fetch), so it can be posted on the
 * estate's notice board as printed. Names, titles and labels are user data:
 * everything is escaped.
 */

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (text: unknown) => String(text).replace(/[&<>"']/g, (c) => ESCAPES[c]!);

const CHANNEL: Record<string, string> = { online: '线上', paper: '纸质', proxy: '委托' };
const FILING: Record<string, string> = {
  awaiting_review: '待街道（乡镇）备案审核',
  returned: '已退回补正',
  certified: '已备案确认',
  correction_ordered: '已责令改正',
  revoked: '已撤销',
};

/*
 * The style is the same for every notice (nothing of a notice is written into it), so the web
 * apps' CSP can allow exactly it by its hash: the console prints the notice from a page it opens
 * itself (a blob: page, which keeps the console's CSP). Page numbers are @page margin boxes; the
 * estate, meeting and date head every page as the header row of a layout table (.sheet), which
 * Chromium repeats on each printed page.
 */
const STYLE = `
@page { size: A4; margin: 12mm 15mm 16mm; @bottom-center { content: "第 " counter(page) " 页，共 " counter(pages) " 页"; font-family: "SimSun", "Songti SC", "Noto Serif CJK SC", serif; font-size: 9pt; } }
* { box-sizing: border-box; }
body { font-family: "SimSun", "Songti SC", "Noto Serif CJK SC", serif; font-size: 11pt; color: #000; margin: 0 auto; max-width: 180mm; line-height: 1.5; }
h1 { font-size: 18pt; text-align: center; margin: 0 0 4mm; }
h2 { font-size: 13pt; margin: 6mm 0 2mm; border-bottom: 1px solid #000; }
p { margin: 1mm 0; }
table { width: 100%; border-collapse: collapse; margin: 2mm 0; font-size: 9.5pt; }
th, td { border: 1px solid #000; padding: 1mm 1.5mm; text-align: left; vertical-align: top; }
th { background: #eee; }
td.n { text-align: right; white-space: nowrap; }
.receipt { font-family: "Courier New", monospace; font-size: 8.5pt; }
.meta { text-align: center; }
.verdict { font-weight: bold; }
ul.explain { margin: 1mm 0 2mm 5mm; padding: 0; }
footer { margin-top: 8mm; font-size: 9pt; }
table.sheet, table.sheet > thead > tr > td, table.sheet > tbody > tr > td { border: 0; padding: 0; margin: 0; font-size: 11pt; }
table.sheet > thead > tr > td.running { font-size: 9pt; border-bottom: 1px solid #000; padding-bottom: 1mm; }
table.sheet > tbody > tr > td { padding-top: 4mm; }
@media print {
  body { max-width: none; }
  h2 { break-after: avoid; }
  tr { break-inside: avoid; }
  thead { display: table-header-group; }
  .motion { break-before: auto; }
}
`;

/** The channel, and (R4.4) the other channel whose ballot this one replaced: 纸质（取代此前的线上投票）. */
function channelText(b: NoticeMotion['ballots'][number]): string {
  const channel = CHANNEL[b.channel] ?? b.channel;
  return b.replaced ? `${channel}（取代此前的${CHANNEL[b.replaced.channel] ?? b.replaced.channel}投票）` : channel;
}

/** The CSP source allowing the notice's <style> and no other (CSP.webApp). */
export const NOTICE_STYLE_CSP_SOURCE = `'sha256-${createHash('sha256').update(STYLE).digest('base64')}'`;

function motionHtml(m: NoticeMotion, index: number): string {
  const t = m.totals;
  const choices = m.choices
    .map((c) => `<tr><td>${escapeHtml(c.label.zh)}</td><td class="n">${escapeHtml(c.area)}</td><td class="n">${escapeHtml(c.heads)}</td></tr>`)
    .join('');
  const lines = m.ballots
    .map(
      (b, i) =>
        `<tr><td class="n">${i + 1}</td><td>${escapeHtml(b.units.join('、'))}</td><td>${escapeHtml(b.developer ? `建设单位 ${b.owners.join('、')}` : b.owners.join('、'))}</td>` +
        `<td>${escapeHtml(b.choiceText)}</td><td>${escapeHtml(channelText(b))}</td><td class="receipt">${escapeHtml(b.receipt.slice(0, 16))}</td></tr>`,
    )
    .join('');
  return `<section class="motion">
<h2>表决事项${index + 1}：${escapeHtml(m.title)}</h2>
<p>事项类别：${escapeHtml(m.matterTitle.zh)}&#12288;依据：${escapeHtml(m.rule.statute.zh)}</p>
<p>表决规则：${m.rule.quorum ? `参与表决的专有部分面积和人数均须 ${escapeHtml(m.rule.quorum.text)} 总数；` : ''}同意的专有部分面积和人数均须 ${escapeHtml(m.rule.approval.text)} ${m.rule.base === 'total' ? '总数' : '参与表决的面积和人数'}</p>
<p class="verdict">表决结果：${escapeHtml(m.outcomeText)}</p>
<table><thead><tr><th></th><th>专有部分面积（㎡）</th><th>人数</th></tr></thead><tbody>
<tr><td>总计</td><td class="n">${escapeHtml(t.TA)}</td><td class="n">${escapeHtml(t.TH)}</td></tr>
<tr><td>参与表决</td><td class="n">${escapeHtml(t.PA)}</td><td class="n">${escapeHtml(t.PH)}</td></tr>
${choices}
<tr><td>废票</td><td class="n">${escapeHtml(t.spoiled.area)}</td><td class="n">${escapeHtml(t.spoiled.heads)}</td></tr>
<tr><td>未参与表决</td><td class="n">${escapeHtml(t.didNotVote.area)}</td><td class="n">${escapeHtml(t.didNotVote.heads)}</td></tr>
</tbody></table>
<ul class="explain">${m.explanation.zh.map((l) => `<li>${escapeHtml(l)}</li>`).join('')}</ul>
<p class="assurance">有效表决票的表决方式与身份核验：${escapeHtml(assuranceMixText(m.assurance))}</p>
<table><thead><tr><th>序号</th><th>房号</th><th>业主</th><th>表决意见</th><th>方式</th><th>回执（前16位）</th></tr></thead><tbody>
${lines || '<tr><td colspan="6">无人参与表决</td></tr>'}
</tbody></table>
</section>`;
}

/** R7.2: while the objection window runs (or objections wait for answers) the printed notice says the result is preliminary. */
function preliminaryLine(notice: Notice): string {
  const w = notice.objectionWindow;
  if (!w || w.stage === 'final') return '';
  return `\n<p class="meta"><strong>初步结果（询异公示）</strong>：公示期至 ${escapeHtml(w.closesAtLocal)}。业主对本人表决意见的记录有异议的，可在公示期内通过“共决”提出；业主委员会逐条答复后，结果方为最终结果。</p>`;
}

export function renderNoticeHtml(notice: Notice): string {
  const mt = notice.meeting;
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(notice.estate.name)} ${escapeHtml(mt.title)} 表决结果公告</title>
<style>${STYLE}</style>
</head>
<body>
<table class="sheet" role="presentation"><thead><tr><td class="running">${escapeHtml(notice.estate.name)}业主大会&#12288;${escapeHtml(mt.title)}&#12288;表决结果公告&#12288;公告时间：${escapeHtml(mt.local.published)}</td></tr></thead><tbody><tr><td>
<h1>${escapeHtml(notice.estate.name)}业主大会<br>${escapeHtml(mt.title)}表决结果公告</h1>
<p class="meta">表决时间：${escapeHtml(mt.local.votingOpens)} 至 ${escapeHtml(mt.local.votingCloses)}（${escapeHtml(mt.local.timeZone)}）</p>
<p class="meta">公告时间：${escapeHtml(mt.local.published)}&#12288;备案状态：${escapeHtml(FILING[notice.filing.status] ?? notice.filing.status)}</p>${preliminaryLine(notice)}
<p>现将本次会议各表决事项的结果（各事项的表决规则见该项）及每位参与表决业主的表决意见（姓名已隐去部分）公告如下。业主可凭投票时获得的回执核对本人的表决意见是否按所投计入；同一事项多次投票的，以最后一次为准；最后一次与此前的投票方式不同的（如纸质票取代了线上投票），在“方式”栏注明。</p>
${notice.motions.map(motionHtml).join('\n')}
<footer>
<p>业主对本公告有异议的，可向业主大会筹备组（业主委员会）或街道办事处（乡镇人民政府）反映；业主认为决定侵害其合法权益的，可自知道或者应当知道之日起一年内请求人民法院予以撤销（民法典第二百八十条）。</p>
<p>会议编号：${escapeHtml(mt.id)}</p>
</footer>
</td></tr></tbody></table>
</body>
</html>
`;
}
