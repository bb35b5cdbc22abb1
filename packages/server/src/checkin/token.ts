import { createHmac, timingSafeEqual } from 'node:crypto';
import { checkinSlot } from '@zx/domain';

/**
 * Rotating check-in tokens: `<slot in base 36>.<MAC>` where the MAC (HMAC-SHA256, keyed from the
 * server's field key) covers the activity, the moment check-in was opened and the 30-second slot.
 * Re-opening check-in changes the opening moment, so tokens of an earlier opening stop working.
 */
export type TokenCheck = 'ok' | 'invalid' | 'expired';

const keyOf = (fieldKey: Buffer) => createHmac('sha256', fieldKey).update('zx:checkin-token:v1').digest();

const mac = (key: Buffer, activityId: number, openedAt: string, slot: number) =>
  createHmac('sha256', key).update(`${activityId}|${openedAt}|${slot}`).digest('base64url').slice(0, 22);

export function checkinToken(fieldKey: Buffer, activityId: number, openedAt: string, nowMs: number): string {
  const slot = checkinSlot(nowMs);
  return `${slot.toString(36)}.${mac(keyOf(fieldKey), activityId, openedAt, slot)}`;
}

/** The current and the previous slot are accepted; a well-signed older one is 'expired', anything else 'invalid'. */
export function checkToken(fieldKey: Buffer, activityId: number, openedAt: string, token: string, nowMs: number): TokenCheck {
  const m = /^([0-9a-z]{1,12})\.([A-Za-z0-9_-]{22})$/.exec(token);
  if (!m) return 'invalid';
  const slot = Number.parseInt(m[1], 36);
  const given = Buffer.from(m[2]);
  const want = Buffer.from(mac(keyOf(fieldKey), activityId, openedAt, slot));
  if (given.length !== want.length || !timingSafeEqual(given, want)) return 'invalid';
  const now = checkinSlot(nowMs);
  if (slot > now) return 'invalid';
  return now - slot <= 1 ? 'ok' : 'expired';
}
