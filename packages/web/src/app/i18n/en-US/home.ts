import type { Resources } from '../zh-CN.ts';

export default {
  home: {
    welcome: 'Hello, {{name}}',
    quickLinks: 'Quick links',
    notSet: 'Not set',
  },
} satisfies Pick<Resources, 'home'>;
