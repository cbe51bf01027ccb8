/**
 * Text PostgreSQL cannot store. A NUL (U+0000) is refused in text and jsonb
 * ("invalid byte sequence", "unsupported Unicode escape sequence"); a lone
 * surrogate (U+D800–U+DFFF without its pair) is not Unicode at all: as text
 * it would turn silently into U+FFFD, in jsonb it is refused. Neither belongs
 * in a name, a title or a reason, so requests carrying one are refused whole.
 */
// eslint-disable-next-line no-control-regex -- matching NUL is the point
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export function isStorableText(text: string): boolean {
  return !UNSTORABLE.test(text);
}

/** Deeper than any request of ours; walking on would only risk the stack. */
const MAX_DEPTH = 32;

export interface TextFault {
  path: string;
  message: string;
}

const NOT_STORABLE = 'contains a NUL character or an unpaired surrogate (not valid text)';

/**
 * Every string, or object key, in a parsed request part that holds
 * unstorable text, by its dotted path (`body.motions.0.title`); a part nested
 * deeper than any request of ours is refused where it stops being walked.
 */
export function unstorableText(value: unknown, path: string, found: TextFault[] = [], depth = 0): TextFault[] {
  if (typeof value === 'string') {
    if (!isStorableText(value)) found.push({ path, message: NOT_STORABLE });
  } else if (typeof value === 'object' && value !== null && !Buffer.isBuffer(value)) {
    if (depth >= MAX_DEPTH) {
      found.push({ path, message: `nested more than ${MAX_DEPTH} levels deep` });
      return found;
    }
    for (const [key, item] of Object.entries(value)) {
      if (!isStorableText(key)) {
        found.push({ path: `${path}.${JSON.stringify(key)}`, message: `${NOT_STORABLE} in a field name` });
      } else {
        unstorableText(item, `${path}.${key}`, found, depth + 1);
      }
    }
  }
  return found;
}
