import type { Resources } from '../zh-CN.ts';

export default {
  shell: {
    brandMark: '争',
    productName: 'Zhengxian · Strive to Be First campaign',
    productShort: 'Zhengxian',
    switchLanguage: 'Switch language',
    switched: 'Switched organization and role',
    changePassword: 'Change password',
    logout: 'Log out',
    logoutEverywhere: 'Log out everywhere',
    logoutEverywhereConfirm: 'Log out on every device?',
    logoutEverywhereHint: 'Your sessions on other computers and phones end too; you will need to log in again.',
  },
  nav: {
    campaigns: 'Campaigns',
    orgTypes: 'Organization types',
    home: 'Home',
    orgs: 'Organizations',
    members: 'Member roster',
    memberDetail: 'Member',
    accounts: 'Accounts & grants',
    audit: 'Audit log',
    security: 'Security settings',
    profile: 'My profile',
    groups: {
      campaign: 'Campaign work',
      contest: 'Assessment and honours',
      cadres: 'Cadre reviews',
      mine: 'Mine',
      organization: 'Organizations and members',
      system: 'System',
    },
  },
} satisfies Pick<Resources, 'shell' | 'nav'>;
