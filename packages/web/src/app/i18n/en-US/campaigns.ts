import type { Resources } from '../zh-CN.ts';

export default {
  campaign: {
    create: 'Launch a campaign',
    createTitle: 'Launch a campaign from a template',
    clone: 'Clone into next year',
    cloneTitle: "Clone into next year's campaign",
    created: 'Saved',
    template: 'Template',
    org: 'Launching organization',
    orgHint: 'The campaign covers this organization and everything below it',
    name: 'Name',
    namePlaceholder: 'e.g. 2027 "Double Striving" campaign',
    slogan: 'Slogan',
    datesRequired: 'Set the dates of this phase',
    none: 'No campaigns yet',
    launchedBy: 'Launched by {{org}}',
    currentPhase: 'Current phase: {{phase}}, {{days}} day(s) left',
    manual: 'switched by hand',
    switchPhase: 'Phase',
    byDates: 'Follow the dates',
    status: { upcoming: 'Upcoming', running: 'Running', finished: 'Finished' },
  },
} satisfies Pick<Resources, 'campaign'>;
