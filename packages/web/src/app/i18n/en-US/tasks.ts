import type { Resources } from '../zh-CN.ts';

export default {
  tasks: {
    nav: 'My tasks',
    title: 'Tasks',
    unitTitle: 'Tasks of {{org}}',
    status: { done: 'Done', pending: 'To do', overdue: 'Overdue' },
    dueOn: 'Due {{date}}',
    currentPhase: 'Current phase',
    notApplicable: 'Not for this unit',
    showAll: 'Show tasks not for this unit ({{n}})',
    none: 'This unit has no tasks in this campaign',
    evidenceLabel: 'Done when',
    evidence: {
      activities: 'at least {{n}} {{type}} activity recorded',
      typeWithForm: '{{type}} ({{form}})',
      plan_approved: 'the plan is approved by the level above',
      report_submitted: 'the written report is submitted',
      self_assessment_verified: 'the self-assessment is verified by the level above',
      confirmation: 'the unit confirms it',
    },
    go: { plan: 'Write the plan', activity: 'Record an activity', report: 'Submit the report', assessment: 'Self-assess', open: 'Open' },
    confirm: 'Confirm done',
    confirmTitle: 'Confirm "{{task}}" is done',
    confirmHint: 'The task then counts as done, with who confirmed it and when; you can withdraw it.',
    notePlaceholder: 'Note (optional), e.g. commitments announced at the members meeting on 4 May',
    confirmed: 'Confirmed',
    confirmedAt: 'Confirmed {{at}}',
    unconfirm: 'Withdraw',
    unconfirmConfirm: 'Withdraw the confirmation of this task?',
    unconfirmed: 'Confirmation withdrawn',
  },
} satisfies Pick<Resources, 'tasks'>;
