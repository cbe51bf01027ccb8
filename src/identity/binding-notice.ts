import type { Kysely } from 'kysely';
import type { AssuranceLevel, DB } from '../db/schema.ts';
import { maskName, maskPhone } from '../lib/mask.ts';
import { notifyOwner } from '../notifications/outbox.ts';
import { LEVEL_WORDS } from './assurance.ts';

/**
 * The owner is told by SMS whenever a new phone is bound to them (issue 14):
 * someone who bound them with a copy of their identity card is found out by
 * the owner, who can end the binding or go to the committee. The link opens
 * the owner app's /homes, which lists the phones bound and ends a binding.
 */
export async function tellOwnerOfBinding(
  trx: Kysely<DB>,
  b: { estateId: string; estateName: string; ownerId: string; ownerName: string; bindingId: string; phone: string; level: AssuranceLevel; now: Date },
): Promise<void> {
  await notifyOwner(trx, b.ownerId, {
    estateId: b.estateId,
    topic: 'owner_bound',
    kind: 'owner_bound',
    params: { estate: b.estateName, phone: maskPhone(b.phone), link: '/homes' },
    subjectId: b.bindingId,
    body:
      `【${b.estateName}】业主 ${maskName(b.ownerName)}：手机号 ${maskPhone(b.phone)} 已通过${LEVEL_WORDS[b.level]}核验绑定为您的业主账号，` +
      '可查看您的房产并参与业主大会表决。如非本人操作，请在应用“我的房产”中解除，并联系业主委员会现场核验。',
    now: b.now,
  });
}
