/** Response shapes of the REST API: the written contract's types (@zx/contract), under the names the pages use. */
import type { Account, AccountGrant } from '@zx/contract/accounts';
import type { AuditEntry } from '@zx/contract/audit';
import type { Grant, Me } from '@zx/contract/auth';
import type { CommitResult, ImportIssue, Job, JobStatus, PreviewResult } from '@zx/contract/jobs';
import type { Gender, Member, MemberDetail, MemberPage, MemberTransfer } from '@zx/contract/members';
import type { OrgDetail, OrgNode, OrgSearchHit, OrgStatus, OrgType } from '@zx/contract/orgs';
import type { SecuritySettings } from '@zx/contract/settings';

export type {
  Account,
  AccountGrant,
  AuditEntry,
  CommitResult,
  Gender,
  Grant,
  ImportIssue,
  Job,
  JobStatus,
  Me,
  Member,
  MemberDetail,
  MemberPage,
  MemberTransfer,
  OrgDetail,
  OrgNode,
  OrgSearchHit,
  OrgStatus,
  OrgType,
  PreviewResult,
  SecuritySettings,
};
