/** Pinyin keys for searching Chinese names (organizations, people) by typing Latin letters. */
import { pinyin } from 'pinyin-pro';
import { toHalfWidth } from '../common/text.ts';

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;

function syllables(name: string): string[] {
  return pinyin(toHalfWidth(name), { toneType: 'none', type: 'array', v: true });
}

/**
 * Lower-case initial letters of each Chinese character; ASCII letters and digits are kept
 * (lower-cased), everything else dropped. '红星区' → 'hxq', '第一中学团委' → 'dyzxtw'.
 */
export function pinyinInitials(name: string): string {
  const chars = [...toHalfWidth(name)];
  const py = syllables(name);
  let out = '';
  // pinyin-pro returns one item per character (non-Chinese characters are returned as-is).
  if (py.length === chars.length) {
    for (let i = 0; i < chars.length; i++) {
      if (CJK.test(chars[i])) out += (py[i] ?? '').charAt(0);
      else out += chars[i];
    }
  } else {
    out = pinyin(toHalfWidth(name), { pattern: 'first', toneType: 'none', type: 'array' }).join('');
  }
  return out.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** Full pinyin without tones or spaces, lower-case: '红星区' → 'hongxingqu' (ü written v). */
export function pinyinFull(name: string): string {
  return syllables(name)
    .join('')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}
