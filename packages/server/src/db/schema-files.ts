import type { Generated } from 'kysely';

/** Table types of stored files and attachments; part of `DB` in schema.ts. */
export interface FileTables {
  stored_file: StoredFileTable;
  attachment: AttachmentTable;
}

export interface StoredFileTable {
  /** sha256 of the content: the content-addressed key. */
  hash: string;
  size: number;
  mime: string;
  created_at: string;
}

export interface AttachmentTable {
  id: Generated<number>;
  hash: string;
  name: string;
  mime: string;
  size: number;
  kind: 'file' | 'photo';
  thumb_hash: string | null;
  width: number | null;
  height: number | null;
  org_id: number;
  org_path: string;
  uploaded_by: number | null;
  created_at: string;
}
