import { fieldError, type FieldError } from '../common/messages.ts';
import { CHINA_UTC_OFFSET_MINUTES, isoToday } from '../common/dates.ts';

/**
 * QR check-in (签到): a token names a 30-second slot; the server accepts the current and the
 * previous slot, so a code scanned just before it rotated still works and a photo of it is
 * useless a minute later.
 */
export const CHECKIN = {
  slotMs: 30_000,
  /** Margin around the activity's day, in hours, when the secretary opens check-in without one. */
  defaultMarginHours: 2,
  maxMarginHours: 12,
} as const;

export const checkinSlot = (nowMs: number) => Math.floor(nowMs / CHECKIN.slotMs);

/**
 * The check-in window of an activity held on `heldOn` (a calendar day in China time): from
 * midnight before the day minus the margin to midnight after it plus the margin, as epoch ms.
 */
export function checkinWindow(heldOn: string, marginHours: number): { from: number; to: number } {
  const dayStart = Date.parse(`${heldOn}T00:00:00Z`) - CHINA_UTC_OFFSET_MINUTES * 60_000;
  const margin = marginHours * 3_600_000;
  return { from: dayStart - margin, to: dayStart + 86_400_000 + margin };
}

export const inCheckinWindow = (heldOn: string, marginHours: number, nowMs: number) => {
  const w = checkinWindow(heldOn, marginHours);
  return nowMs >= w.from && nowMs < w.to;
};

/** The China-time day of an instant (the day an activity "today" is held on). */
export const chinaDay = (nowMs: number) => isoToday(new Date(nowMs));

export function checkinMarginError(marginHours: number): FieldError | null {
  if (!Number.isInteger(marginHours) || marginHours < 0 || marginHours > CHECKIN.maxMarginHours)
    return fieldError(
      'marginHours',
      'CHECKIN_MARGIN_RANGE',
      `签到时间余量应为 0—${CHECKIN.maxMarginHours} 小时的整数`,
      `The margin must be a whole number of hours from 0 to ${CHECKIN.maxMarginHours}`,
    );
  return null;
}
