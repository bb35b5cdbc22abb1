import { maskIdCard, maskPhone } from '@zx/domain';
import type { FieldCipher } from '../pii/crypto.ts';

/** The stored form of a member's ID and mobile: ciphertext, lookup hash and display mask. */
export function idCardColumns(cipher: FieldCipher, idCard: string) {
  return { id_card_enc: cipher.encrypt(idCard), id_card_hash: cipher.hash(idCard), id_card_masked: maskIdCard(idCard) };
}

export function phoneColumns(cipher: FieldCipher, phone: string | null) {
  return phone
    ? { phone_enc: cipher.encrypt(phone), phone_hash: cipher.hash(phone), phone_masked: maskPhone(phone) }
    : { phone_enc: null, phone_hash: null, phone_masked: null };
}
