/**
 * Publicity (宣传): a unit's posts about its work and the media coverage it records. A post is
 * public only once the level above approved it; the rules of its states live here so the server
 * and the web app agree on what each state allows.
 */
export const POST_STATUSES = ['draft', 'submitted', 'approved', 'returned', 'withdrawn'] as const;
export type PostStatusCode = (typeof POST_STATUSES)[number];

export type PostStep = 'edit' | 'submit' | 'approve' | 'return' | 'withdraw' | 'delete';

/** Which step each state allows: returned and withdrawn posts are drafts again for their unit. */
export function postAllows(status: PostStatusCode, step: PostStep): boolean {
  switch (step) {
    case 'edit':
    case 'submit':
      return status === 'draft' || status === 'returned' || status === 'withdrawn';
    case 'delete':
      return status === 'draft' || status === 'returned' || status === 'withdrawn';
    case 'approve':
    case 'return':
      return status === 'submitted';
    case 'withdraw':
      return status === 'approved';
  }
}

export const MEDIA_KINDS = [
  { code: 'press', nameZh: '报刊', nameEn: 'Press' },
  { code: 'radio', nameZh: '广播', nameEn: 'Radio' },
  { code: 'tv', nameZh: '电视', nameEn: 'TV' },
  { code: 'online', nameZh: '网络', nameEn: 'Online' },
  { code: 'new_media', nameZh: '新媒体', nameEn: 'New media' },
] as const;
export type MediaKind = (typeof MEDIA_KINDS)[number]['code'];
export const MEDIA_KIND_CODES = MEDIA_KINDS.map((k) => k.code) as [MediaKind, ...MediaKind[]];

export const MEDIA_LEVELS = [
  { code: 'central', nameZh: '中央', nameEn: 'Central' },
  { code: 'province', nameZh: '省级', nameEn: 'Provincial' },
  { code: 'city', nameZh: '市级', nameEn: 'City' },
  { code: 'county', nameZh: '县级', nameEn: 'County' },
] as const;
export type MediaLevel = (typeof MEDIA_LEVELS)[number]['code'];
export const MEDIA_LEVEL_CODES = MEDIA_LEVELS.map((k) => k.code) as [MediaLevel, ...MediaLevel[]];

/** A link a post or a coverage record may carry: http or https only (no javascript:, data: or file:). */
export function isWebUrl(value: string): boolean {
  try {
    const u = new URL(value);
    return (u.protocol === 'http:' || u.protocol === 'https:') && !!u.hostname;
  } catch {
    return false;
  }
}
