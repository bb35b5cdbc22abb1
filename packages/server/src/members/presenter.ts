import { ageOn, isoToday } from '@zx/domain';

interface MemberRow {
  id: number;
  org_id: number;
  org_name: string;
  name: string;
  gender: 'male' | 'female';
  birth_date: string;
  id_card_masked: string;
  phone_masked: string | null;
  joined_on: string | null;
  position: string;
  position_since: string | null;
  status: string;
  note: string | null;
  created_at: string;
  updated_at: string;
}

/** A member as the API shows it; `birthDate` only to those who may see it (memberPolicy.seesBirthDate), else null. */
export function presentMember(r: MemberRow, opts: { birthDate: boolean }, today = isoToday()) {
  return {
    id: r.id,
    orgId: r.org_id,
    orgName: r.org_name,
    name: r.name,
    gender: r.gender,
    birthDate: opts.birthDate ? r.birth_date : null,
    age: ageOn(r.birth_date, today),
    idCardMasked: r.id_card_masked,
    phoneMasked: r.phone_masked,
    joinedOn: r.joined_on,
    position: r.position,
    positionSince: r.position_since,
    status: r.status,
    note: r.note,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}
