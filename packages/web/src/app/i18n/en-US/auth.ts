import type { Resources } from '../zh-CN.ts';

export default {
  login: {
    subtitle: 'Strive to Be First campaign platform',
    login: 'Username or mobile',
    loginPlaceholder: 'Username or mobile number',
    loginRequired: 'Enter your username or mobile number',
    password: 'Password',
    passwordPlaceholder: 'Password',
    passwordRequired: 'Enter your password',
    submit: 'Log in',
    expired: 'Your session expired; please log in again',
    footer: 'Communist Youth League · excellent collectives, excellent members',
  },
  password: {
    title: 'Change password',
    mustChangeTitle: 'Change your password first',
    mustChangeHint: 'You are using an initial or reset password. Set a new password to continue.',
    current: 'Current password',
    currentRequired: 'Enter your current password',
    new: 'New password',
    newRequired: 'Enter a new password',
    confirm: 'Confirm new password',
    confirmRequired: 'Enter the new password again',
    mismatch: 'The two new passwords differ',
    tooShort: 'At least {{n}} characters',
    policyHint: 'At least 8 characters with 3 of: upper-case, lower-case, digits, symbols; no common passwords, no username',
    changed: 'Password changed',
  },
} satisfies Pick<Resources, 'login' | 'password'>;
