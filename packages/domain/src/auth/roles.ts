/**
 * Who may do what. A role is granted at an organization and holds for its subtree; the
 * server turns the grant into a scope predicate, this table says which actions the role has
 * at all. The three system roles are kept apart (三员分立): the business admin cannot read the
 * audit log, the audit admin cannot change business data, the security admin manages accounts
 * but not business data.
 */
export const ROLES = [
  { code: 'system_admin', nameZh: '系统管理员', nameEn: 'System administrator' },
  { code: 'security_admin', nameZh: '安全管理员', nameEn: 'Security administrator' },
  { code: 'audit_admin', nameZh: '审计管理员', nameEn: 'Audit administrator' },
  { code: 'org_admin', nameZh: '组织管理员', nameEn: 'Organization administrator' },
  { code: 'inspector', nameZh: '督查员', nameEn: 'Inspector' },
  { code: 'branch_secretary', nameZh: '团支部书记', nameEn: 'Branch secretary' },
  { code: 'member', nameZh: '团员', nameEn: 'Member' },
] as const;

export type Role = (typeof ROLES)[number]['code'];
export const ROLE_CODES = ROLES.map((r) => r.code) as [Role, ...Role[]];

/** Every action a role may be allowed; the web app hides what the active role lacks. */
export const ACTIONS = [
  'org.read', // see organizations in scope
  'org.write', // edit details of organizations in scope
  'org.structure', // create, move, deactivate, merge, import organizations below the grant org
  'orgtype.write', // edit the list of organization types
  'member.read', // roster, masked
  'member.write', // add, edit, transfer, import members
  'member.reveal', // see an ID or phone number in full (audited)
  'account.read',
  'account.write', // create accounts, grant roles, reset passwords
  'audit.read',
  'settings.write', // password policy, lockout, sessions, retention
  'self.read', // one's own member profile
  'campaign.read', // campaigns that cover or are owned inside the scope
  'campaign.manage', // launch a campaign at an organization in scope, set its phases, clone it
  'template.write', // edit campaign templates
  'plan.write', // write and submit one's own unit's theme, plan and targets
  'plan.review', // approve or return the plans of units below
  'activity.write', // record activities (attendance, photos) of units in scope
  'task.confirm', // tick a task whose evidence rule is a confirmation
  'report.request', // ask units below for a written report, review submissions
  'report.submit', // submit one's own unit's written report
  'inspection.write', // record inspection visits and rectification items, close items
  'rectification.answer', // answer the rectification items of one's own unit
  'bulletin.write', // draft, number and publish bulletins
  'rubric.write', // edit assessment rubrics, tier bands and caps
  'assessment.write', // self-assess one's own unit against the rubric (secretary's signature)
  'assessment.verify', // verify the self-assessments of units below, award titles
  'commitment.write', // a cadre publishes commitments and writes the year-end report
  'vote.manage', // representatives; open, close and report rating and voting sessions
  'evaluation.manage', // run a branch's annual member evaluation and propose grades
  'evaluation.approve', // approve the member evaluations of branches below
  'exemplar.nominate', // nominate units or people as exemplars
  'exemplar.select', // select exemplars and demonstration sites for units below
  'benchmark.write', // choose exemplars to benchmark against, catch-up measures
  'honour.manage', // candidate lists, public notice, objections, final honours
] as const;
export type Action = (typeof ACTIONS)[number];

const POLICY: Record<Role, readonly Action[]> = {
  system_admin: ['org.read', 'org.write', 'org.structure', 'orgtype.write', 'member.read', 'member.write', 'member.reveal', 'self.read', 'campaign.read', 'campaign.manage', 'template.write', 'plan.write', 'plan.review', 'activity.write', 'task.confirm', 'report.request', 'report.submit', 'inspection.write', 'rectification.answer', 'bulletin.write', 'rubric.write', 'assessment.write', 'assessment.verify', 'commitment.write', 'vote.manage', 'evaluation.manage', 'evaluation.approve', 'exemplar.nominate', 'exemplar.select', 'benchmark.write', 'honour.manage'],
  security_admin: ['org.read', 'account.read', 'account.write', 'settings.write', 'self.read'],
  audit_admin: ['org.read', 'audit.read', 'self.read'],
  org_admin: ['org.read', 'org.write', 'org.structure', 'member.read', 'member.write', 'member.reveal', 'account.read', 'account.write', 'self.read', 'campaign.read', 'campaign.manage', 'template.write', 'plan.write', 'plan.review', 'activity.write', 'task.confirm', 'report.request', 'report.submit', 'inspection.write', 'rectification.answer', 'bulletin.write', 'rubric.write', 'assessment.write', 'assessment.verify', 'commitment.write', 'vote.manage', 'evaluation.manage', 'evaluation.approve', 'exemplar.nominate', 'exemplar.select', 'benchmark.write', 'honour.manage'],
  inspector: ['org.read', 'member.read', 'self.read', 'campaign.read', 'inspection.write'],
  branch_secretary: ['org.read', 'org.write', 'member.read', 'member.write', 'member.reveal', 'self.read', 'campaign.read', 'plan.write', 'activity.write', 'task.confirm', 'report.submit', 'rectification.answer', 'assessment.write', 'commitment.write', 'vote.manage', 'evaluation.manage', 'exemplar.nominate', 'benchmark.write'],
  // A cadre signed in with the member role writes their own commitments (the service checks it is them);
  // votes, reading commitments and raising objections follow from membership, not from an action.
  member: ['self.read', 'campaign.read', 'commitment.write'],
};

export function roleAllows(role: Role, action: Action): boolean {
  return POLICY[role]?.includes(action) ?? false;
}

/**
 * Roles an account manager may hand out. The security admin grants any role; an organization
 * admin grants the everyday roles inside its subtree but never the three system roles.
 */
export function grantableRoles(granter: Role): Role[] {
  if (granter === 'security_admin') return ROLE_CODES;
  if (granter === 'org_admin') return ['org_admin', 'inspector', 'branch_secretary', 'member'];
  return [];
}

export const SYSTEM_ROLES: Role[] = ['system_admin', 'security_admin', 'audit_admin'];
