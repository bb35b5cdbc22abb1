import type { Generated } from 'kysely';

/** Table types of QR check-in and volunteer service (issue 13); part of `DB` in schema.ts. */
export interface ServiceTables {
  activity_checkin: ActivityCheckinTable;
  volunteer_service: VolunteerServiceTable;
  /** A view: verified hours per member and year (what the honour rules read). */
  volunteer_year_hours: VolunteerYearHoursView;
}

/** Check-in is open for an activity while `closed_at` is null (and the clock is inside the activity's window). */
export interface ActivityCheckinTable {
  activity_id: number;
  margin_hours: number;
  opened_at: string;
  opened_by: number | null;
  closed_at: string | null;
  closed_by: number | null;
}

export type VolunteerEntryStatus = 'pending' | 'verified' | 'rejected';
/** Who wrote the entry: the member, a secretary for the member, or the yearly total entered before issue 13 (or since through 补录). */
export type VolunteerEntrySource = 'member' | 'secretary' | 'entered';

export interface VolunteerServiceTable {
  id: Generated<number>;
  member_id: number;
  served_on: string;
  year: number;
  hours_tenths: number;
  description: string;
  photo_id: number | null;
  activity_id: number | null;
  status: VolunteerEntryStatus;
  reason: string | null;
  source: VolunteerEntrySource;
  created_at: string;
  created_by: number | null;
  updated_at: string;
  reviewed_at: string | null;
  reviewed_by: number | null;
}

export interface VolunteerYearHoursView {
  member_id: number;
  year: number;
  /** A sum: a string on PostgreSQL (bigint). */
  hours_tenths: number | string;
  updated_at: string;
}
