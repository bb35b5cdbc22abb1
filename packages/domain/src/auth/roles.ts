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

/**
 * Every action a role may be allowed. The web app shows a page or a button only when the
 * active role holds the action it needs, and the server's route guard checks the same action
 * before it looks at any id (docs/security.md).
 */
export const ACTIONS = [
  'org.read', // see organizations in scope
  'org.write', // edit details of organizations in scope
  'org.structure', // create, move, deactivate, merge, import organizations below the grant org
  'orgtype.write', // edit the list of organization types (system configuration)
  'member.read', // roster, masked
  'member.write', // add, edit, transfer, import members
  'member.reveal', // see an ID or phone number in full (audited)
  'account.read',
  'account.write', // create business accounts, grant business roles, reset passwords
  'audit.read', // read and export the audit log
  'settings.write', // security settings: password policy, lockout, sessions
  'self.read', // one's own member profile
  'campaign.read', // campaigns covering or inside the scope, their dashboards and task lists
  'campaign.manage', // launch a campaign at an organization in scope, set its phases, clone it
  'template.write', // edit campaign templates (system configuration)
  'plan.read', // the plans and targets of units in scope
  'plan.write', // write and submit one's own unit's theme, plan and targets
  'plan.review', // approve or return the plans of units below
  'activity.read', // activities of units in scope
  'activity.write', // record activities (attendance, photos) of units in scope
  'task.confirm', // tick a task whose evidence rule is a confirmation
  'report.read', // written report requests and submissions in scope
  'report.request', // ask units below for a written report, review submissions
  'report.submit', // submit one's own unit's written report
  'inspection.read', // inspections and rectification items in scope
  'inspection.write', // record inspection visits and rectification items, close items
  'rectification.answer', // answer the rectification items of one's own unit
  'bulletin.read', // bulletins of the scope and those published to it
  'bulletin.write', // draft, number and publish bulletins
  'rubric.write', // edit assessment rubrics, tier bands and caps
  'assessment.read', // self-assessments, tiers and titles in scope
  'assessment.write', // self-assess one's own unit against the rubric (secretary's signature)
  'assessment.verify', // verify the self-assessments of units below, award titles
  'commitment.read', // cadres' commitments and year-end reports (members: their own organizations' cadres)
  'commitment.write', // a cadre publishes commitments and writes the year-end report
  'vote.cast', // cast one's own ballot where one is on the roll
  'vote.manage', // representatives; open, close and report rating and voting sessions
  'evaluation.read', // the annual member evaluations of branches in scope
  'evaluation.participate', // one's own evaluation: self-assessment, peer comments
  'evaluation.manage', // run a branch's annual member evaluation and propose grades
  'evaluation.approve', // approve the member evaluations of branches below
  'exemplar.read', // exemplars and demonstration sites
  'exemplar.nominate', // nominate units or people as exemplars
  'exemplar.select', // select exemplars and demonstration sites for units below
  'benchmark.read', // benchmarking and catch-up measures in scope
  'benchmark.write', // choose exemplars to benchmark against, catch-up measures
  'honour.read', // honour rounds in scope, their candidates and eligibility
  'honour.notice', // read a public notice (公示) covering one's organization and object to it
  'honour.manage', // candidate lists, public notice, objections, final honours
  // Publicity slice (issue 13): posts, their review by the level above, the media coverage register.
  'publicity.read', // posts and media coverage of units in scope
  'publicity.write', // write and submit one's own unit's posts; record its media coverage
  'publicity.review', // approve or return the posts of units below
  // issue 13 · service slice (QR check-in, 为青年服务 volunteer service)
  'activity.checkin', // check oneself in to an activity by scanning its rotating QR code
  'volunteer.log', // log one's own volunteer service (a secretary also for the members they manage)
  'volunteer.verify', // verify or reject the volunteer service logged by members of units in scope
  // Issue 13 · home slice (activation/): a branch secretary activates the member accounts of the branch.
  'account.activate', // issue, print and revoke one-time activation codes for members without an account
  // Issue 13, slice "reach": notices with read receipts and quiz (知晓率), member pledges (亮明身份·岗位承诺).
  'notice.receive', // read, acknowledge and answer the quiz of notices addressed to one's own member
  'notice.read', // notices sent in scope and their receipts; the members of one's own unit and whether they are reached
  'notice.write', // write and send notices to the members of a unit in scope
  'pledge.write', // one's own post and pledge in a running campaign; see the pledges of one's own branch
  'pledge.read', // the pledges of members of units in scope
] as const;
export type Action = (typeof ACTIONS)[number];

/** What a person who works in the campaign may read in their subtree, whatever their post. */
const BUSINESS_READ: readonly Action[] = [
  'org.read',
  'member.read',
  'self.read',
  'campaign.read',
  'plan.read',
  'activity.read',
  'report.read',
  'inspection.read',
  'bulletin.read',
  'assessment.read',
  'commitment.read',
  'evaluation.read',
  'exemplar.read',
  'benchmark.read',
  'honour.read',
  'publicity.read',
];
/** What every League member does for themself, whatever else their role lets them do. */
const MEMBER_OWN: readonly Action[] = ['self.read', 'commitment.read', 'vote.cast', 'evaluation.participate', 'exemplar.read', 'honour.notice'];
/** Issue 13 · home slice: who hands out activation codes — the cadres who keep the roster (member.write). */
const ACTIVATES: readonly Action[] = ['account.activate'];

/**
 * 三员分立 (等保 2.0 level 3): the system admin configures the system and sees no personal data
 * and no business record; the security admin manages business accounts and security settings;
 * the audit admin only reads the audit log. None of the three does business work.
 */
const POLICY: Record<Role, readonly Action[]> = {
  system_admin: ['orgtype.write', 'template.write'],
  security_admin: ['org.read', 'account.read', 'account.write', 'settings.write'],
  audit_admin: ['org.read', 'audit.read'],
  org_admin: [
    ...BUSINESS_READ,
    ...MEMBER_OWN,
    'org.write',
    'org.structure',
    'member.write',
    'member.reveal',
    'account.read',
    'account.write',
    'campaign.manage',
    'plan.write',
    'plan.review',
    'activity.write',
    'task.confirm',
    'report.request',
    'report.submit',
    'inspection.write',
    'rectification.answer',
    'bulletin.write',
    'rubric.write',
    'assessment.write',
    'assessment.verify',
    'commitment.write',
    'vote.manage',
    'evaluation.manage',
    'evaluation.approve',
    'exemplar.nominate',
    'exemplar.select',
    'benchmark.write',
    'honour.manage',
    'publicity.write',
    'publicity.review',
    'volunteer.log',
    'volunteer.verify',
    ...ACTIVATES,
  ],
  inspector: [...BUSINESS_READ, ...MEMBER_OWN, 'inspection.write'],
  branch_secretary: [
    ...BUSINESS_READ,
    ...MEMBER_OWN,
    'org.write',
    'member.write',
    'member.reveal',
    'plan.write',
    'activity.write',
    'task.confirm',
    'report.submit',
    'rectification.answer',
    'assessment.write',
    'commitment.write',
    'vote.manage',
    'evaluation.manage',
    'exemplar.nominate',
    'benchmark.write',
    'publicity.write',
    'volunteer.log',
    'volunteer.verify',
    ...ACTIVATES,
  ],
  // A cadre signed in with the member role writes their own commitments (the policy checks it is them).
  member: [...MEMBER_OWN, 'commitment.write', 'activity.checkin', 'volunteer.log'],
};

// Issue 13, slice "reach": every League member receives notices and pledges, whatever their role;
// organization admins and branch secretaries write notices and read receipts and pledges.
for (const role of ['org_admin', 'inspector', 'branch_secretary', 'member'] as const) {
  POLICY[role] = [...POLICY[role], 'notice.receive', 'pledge.write'];
}
for (const role of ['org_admin', 'branch_secretary'] as const) POLICY[role] = [...POLICY[role], 'notice.read', 'notice.write', 'pledge.read'];

export function roleAllows(role: Role, action: Action): boolean {
  return POLICY[role]?.includes(action) ?? false;
}

/**
 * Roles an account manager may hand out: the everyday business roles, inside the manager's
 * subtree. Nobody grants the three system roles through the API.
 */
export function grantableRoles(granter: Role): Role[] {
  if (granter === 'security_admin' || granter === 'org_admin') return [...BUSINESS_ROLES];
  return [];
}

/** The three system roles: created at install and changed only from the server's command line (`npm run admin`). */
export const SYSTEM_ROLES: readonly Role[] = ['system_admin', 'security_admin', 'audit_admin'];
export const BUSINESS_ROLES: readonly Role[] = ['org_admin', 'inspector', 'branch_secretary', 'member'];
export const isSystemRole = (role: string) => (SYSTEM_ROLES as readonly string[]).includes(role);

/** Every action the role holds, in ACTIONS order (what the web app receives as `permissions`). */
export function roleActions(role: Role): Action[] {
  return ACTIONS.filter((a) => roleAllows(role, a));
}
