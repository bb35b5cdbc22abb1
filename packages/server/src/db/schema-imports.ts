/** Table types of spreadsheet imports: issues and staged member and organization rows; part of `DB` in schema.ts. */
export interface ImportTables {
  import_issue: ImportIssueTable;
  member_import_row: MemberImportRowTable;
  org_import_row: OrgImportRowTable;
}

export interface ImportIssueTable {
  job_id: number;
  row_number: number;
  field: string;
  code: string;
  message_zh: string;
  message_en: string;
}

export interface MemberImportRowTable {
  job_id: number;
  row_number: number;
  org_id: number;
  name: string;
  gender: 'male' | 'female';
  birth_date: string;
  id_card_enc: string;
  id_card_hash: string;
  id_card_masked: string;
  phone_enc: string | null;
  phone_hash: string | null;
  phone_masked: string | null;
  joined_on: string | null;
  position: string;
  note: string | null;
}

export interface OrgImportRowTable {
  job_id: number;
  row_number: number;
  name: string;
  type_code: string;
  code: string;
  parent_code: string;
  founded_on: string | null;
  responsible_person: string | null;
  contact_phone_enc: string | null;
  contact_phone_masked: string | null;
}
