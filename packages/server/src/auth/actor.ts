import type { Role } from '@zx/domain';

/** The person behind a request, acting through one of their grants. */
export interface Actor {
  userId: number;
  username: string;
  displayName: string;
  memberId: number | null;
  sessionId: string;
  ip: string | null;
  grant: ActiveGrant;
}

export interface ActiveGrant {
  id: number;
  role: Role;
  orgId: number;
  orgPath: string;
  orgName: string;
}
