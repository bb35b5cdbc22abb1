import { HONOUR_NAMES, type HonourKind } from '@zx/domain/assessment/honour';
import type { RoundStatus } from './api.ts';

export const ROUND_STATUS_COLOR: Record<RoundStatus, string> = { draft: 'default', recommending: 'processing', notice: 'orange', final: 'red' };

export const kindName = (k: HonourKind, lang: string) => (lang === 'en-US' ? HONOUR_NAMES[k].en : HONOUR_NAMES[k].zh);
