import { z } from 'zod';
import { id, timestamp } from './common.ts';

/** Member account activation (docs/activation.md). */

/** A member of the unit and where their account stands. */
export const activationMember = z.object({
  memberId: id,
  name: z.string(),
  idCardMasked: z.string(),
  /** active: has an account · pending: a live code is out · none: neither. */
  state: z.enum(['active', 'pending', 'none']),
  codeExpiresAt: timestamp.nullable(),
});
export const activationRoster = z.object({
  orgId: id,
  orgName: z.string(),
  members: z.array(activationMember),
  counts: z.object({ active: z.number().int(), pending: z.number().int(), none: z.number().int() }),
});
export type ActivationRoster = z.infer<typeof activationRoster>;

/** One card of the printable sheet: the code is shown once, here, and never again. */
export const activationCard = z.object({
  memberId: id,
  name: z.string(),
  idCardMasked: z.string(),
  code: z.string(),
  /** The web path the QR code opens: /activate?code=… */
  link: z.string(),
});
export const activationSheet = z.object({
  orgId: id,
  orgName: z.string(),
  issuedAt: timestamp,
  expiresAt: timestamp,
  cards: z.array(activationCard),
  /** Members left out because they have an account already. */
  skipped: z.number().int(),
});
export type ActivationSheet = z.infer<typeof activationSheet>;
