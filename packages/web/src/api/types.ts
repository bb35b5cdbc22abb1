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
  /** What this account may do to this organization (the server's orgs/policy.ts). */
  abilities: { edit: boolean; restructure: boolean; addChild: boolean; revealContact: boolean };
}

export type Gender = 'male' | 'female';

export interface Member {
  id: number;
  orgId: number;
  orgName: string;
  name: string;
  gender: Gender;
  /** Only for accounts that may reveal the ID number (member.reveal); others see the age. */
  birthDate: string | null;
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
  /** Grants inside the viewer's subtree only. */
  grants: AccountGrant[];
  /** The viewer may edit, reset, unlock and change the grants of this account (accounts/policy.ts). */
  canManage: boolean;
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
