/** Response shapes of the REST API (docs/api.md). Optional fields are ones the contract leaves open. */
import type { Role } from '@zx/domain/auth/roles';

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface Grant {
  id: number;
  role: Role;
  orgId: number;
  orgName: string;
  orgPath?: string;
}

export interface Me {
  user: { id: number; username: string; displayName: string; mustChangePassword: boolean };
  grant: Grant;
  grants: Grant[];
  permissions: string[];
  csrfToken?: string;
}

export type OrgStatus = 'active' | 'inactive' | 'merged';

export interface OrgType {
  code: string;
  nameZh: string;
  nameEn: string;
  rank: number;
  holdsMembers: boolean;
}

export interface OrgNode {
  id: number;
  parentId: number | null;
  name: string;
  code: string;
  typeCode: string;
  depth: number;
  path: string;
  status: OrgStatus;
  hasChildren: boolean;
  directMemberCount: number;
  subtreeMemberCount: number;
  foundedOn: string | null;
  responsiblePerson: string | null;
  contactPhoneMasked: string | null;
}

export interface OrgSearchHit extends OrgNode {
  ancestry: string;
}

export interface OrgDetail extends OrgNode {
  ancestors: { id: number; name: string }[];
  childCount: number;
}

export type Gender = 'male' | 'female';

export interface Member {
  id: number;
  orgId: number;
  orgName: string;
  name: string;
  gender: Gender;
  birthDate: string;
  age: number;
  idCardMasked: string;
  phoneMasked: string | null;
  joinedOn: string | null;
  positionSince?: string | null;
  position: string;
  status: string;
  note: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface MemberTransfer {
  id: number;
  fromOrgId: number;
  fromOrgName?: string;
  toOrgId: number;
  toOrgName?: string;
  reason: string;
  transferredAt: string;
  actorName?: string | null;
}

export interface MemberDetail extends Member {
  transfers?: MemberTransfer[];
}

export type JobStatus = 'queued' | 'running' | 'succeeded' | 'failed';

export interface PreviewResult {
  phase: 'preview';
  totalRows: number;
  validRows: number;
  invalidRows: number;
  issueCount: number;
  headerRow?: number;
}

export interface CommitResult {
  phase: 'committed';
  imported: number;
  skipped: number;
}

export interface Job {
  id: number;
  kind: string;
  status: JobStatus;
  /** the server's job phase: 'preview', then 'commit' once committed */
  phase?: 'preview' | 'commit' | null;
  progress: number;
  total: number | null;
  result: PreviewResult | CommitResult | null;
  error: string | { code?: string; messages?: { zh: string; en: string }; message?: string } | null;
}

export interface ImportIssue {
  rowNumber: number;
  field: string;
  code: string;
  message: string;
  messages?: { zh: string; en: string };
}

export interface AccountGrant {
  id: number;
  role: Role;
  orgId: number;
  orgName?: string;
  /** false: the grant's organization is outside the caller's scope (cannot be revoked here). */
  inScope?: boolean;
}

export interface Account {
  id: number;
  username: string;
  displayName: string;
  phoneMasked: string | null;
  status: 'active' | 'disabled';
  locked?: boolean;
  lockedUntil?: string | null;
  mustChangePassword?: boolean;
  grants: AccountGrant[];
  lastLoginAt: string | null;
  memberId?: number | null;
  createdAt?: string;
}

export interface AuditEntry {
  id: number;
  at: string;
  userId: number | null;
  username: string | null;
  role: string | null;
  orgId: number | null;
  orgName?: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  summary: unknown;
  ip: string | null;
  outcome: 'success' | 'failure' | 'denied';
}

export interface SecuritySettings {
  passwordMinLength: number;
  passwordMinClasses: number;
  passwordRefuseCommon: boolean;
  lockoutThreshold: number;
  lockoutMinutes: number;
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
  loginRatePerMinute: number;
  auditRetentionDays: number;
}
