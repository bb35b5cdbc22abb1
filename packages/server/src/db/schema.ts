import type { Insertable, Selectable, Updateable } from 'kysely';
import type { VotesTables } from './schema-votes.ts';
import type { AssessmentTables } from './schema-assessment.ts';
import type { EvaluationTables } from './schema-evaluation.ts';
import type { ExemplarTables } from './schema-exemplars.ts';
import type { CommitmentTables } from './schema-commitments.ts';
import type { HonourTables } from './schema-honours.ts';
import type { AuthTables } from './schema-auth.ts';
import type { MemberTable, OrganizationTable, OrgMemberTables } from './schema-orgs-members.ts';
import type { AccountTables, RoleGrantTable, SessionTable, UserAccountTable } from './schema-accounts.ts';
import type { AuditLogTable, JobTable, SystemTables } from './schema-system.ts';
import type { ImportTables } from './schema-imports.ts';
import type { FileTables } from './schema-files.ts';
import type { CampaignTables } from './schema-campaigns.ts';
import type { ReportInspectionTables } from './schema-reports-inspections.ts';
import type { BulletinTables } from './schema-bulletins.ts';
import type { PublicityTables } from './schema-publicity.ts';
import type { ServiceTables } from './schema-service.ts';
import type { ActivationTables } from './schema-activation.ts';
import type { ReachTables } from './schema-reach.ts';

/**
 * Table types. Timestamps are ISO-8601 UTC strings and calendar dates 'YYYY-MM-DD' on both
 * databases, booleans are 0/1 integers: one repository code for SQLite and PostgreSQL
 * (docs/decisions/0002-portable-column-types.md).
 */
/** Every area keeps its table types in schema-<area>.ts (issue 4's areas first); `DB` assembles them. */
export type * from './schema-orgs-members.ts';
export type * from './schema-accounts.ts';
export type * from './schema-system.ts';
export type * from './schema-imports.ts';
export type * from './schema-files.ts';
export type * from './schema-campaigns.ts';
export type * from './schema-reports-inspections.ts';
export type * from './schema-bulletins.ts';
export type * from './schema-reach.ts';
export type * from './schema-publicity.ts';
export type * from './schema-service.ts';

export interface DB
  extends VotesTables,
    AssessmentTables,
    EvaluationTables,
    ExemplarTables,
    CommitmentTables,
    HonourTables,
    AuthTables,
    OrgMemberTables,
    AccountTables,
    SystemTables,
    ImportTables,
    FileTables,
    CampaignTables,
    ReportInspectionTables,
    BulletinTables,
    PublicityTables,
    ServiceTables,
    ActivationTables,
    ReachTables {}

export type Organization = Selectable<OrganizationTable>;
export type NewOrganization = Insertable<OrganizationTable>;
export type OrganizationUpdate = Updateable<OrganizationTable>;
export type Member = Selectable<MemberTable>;
export type NewMember = Insertable<MemberTable>;
export type UserAccount = Selectable<UserAccountTable>;
export type RoleGrant = Selectable<RoleGrantTable>;
export type Session = Selectable<SessionTable>;
export type AuditLog = Selectable<AuditLogTable>;
export type Job = Selectable<JobTable>;
