import type { Resources } from '../zh-CN.ts';

export default {
  profile: {
    account: 'Account',
    member: 'Member record',
    notLinked: 'This account is not linked to a member record',
  },
} satisfies Pick<Resources, 'profile'>;
