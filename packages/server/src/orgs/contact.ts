import type { FieldCipher } from '../pii/crypto.ts';

/**
 * The stored form of an organization's contact number: ciphertext and display mask
 * (13800138000 → 138****8000, 025-12345678 → 025*****5678, 12345678 → 12****78).
 */
export function contactPhoneColumns(cipher: FieldCipher, phone: string | null) {
  if (!phone) return { contact_phone_enc: null, contact_phone_masked: null };
  const [head, tail] = phone.length >= 11 ? [3, 4] : [2, 2];
  return { contact_phone_enc: cipher.encrypt(phone), contact_phone_masked: phone.slice(0, head) + '*'.repeat(phone.length - head - tail) + phone.slice(-tail) };
}
