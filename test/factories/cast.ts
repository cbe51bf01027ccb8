import { residentId } from '../helpers/identity.ts';

/**
 * The people of the test estates: one cast, named once. A registry row is
 * made from them (test/factories/registry.ts) and an owner verifies with the
 * same name and number (test/factories/people.ts), so the two always agree.
 */
export interface Person {
  name: string;
  /** A checksum-valid resident identity number (fictitious). */
  id: string;
}

export const zhang: Person = { name: '张三', id: residentId('19800101', 11) };
export const li: Person = { name: '李四', id: residentId('19810202', 22) };
export const wang: Person = { name: '王五', id: residentId('19820303', 33) };
export const zhao: Person = { name: '赵六', id: residentId('19830404', 44) };

/** The same two people under names of three and four characters, where a test reads how names are masked. */
export const zhangSanfeng: Person = { name: '张三丰', id: zhang.id };
export const ouyangNana: Person = { name: '欧阳娜娜', id: zhao.id };

/** The n-th of a crowd of owners (业主0, 业主1, …), born on the given day. */
export const ownerNumber = (n: number, birth = '19700101'): Person => ({ name: `业主${n}`, id: residentId(birth, n) });
