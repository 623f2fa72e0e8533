// English words of the sign-in view: in the sign-in chunk with the view, not in the plans' first
// chunk (the other languages carry theirs in their own chunks).
import type { SignInWords } from './catalogue.js';

export const signInEn: SignInWords = {
  intro: 'Enter your email address and we will send you a code to sign in.',
  required: (organization) => `${organization} asks members to sign in before signing up. New here? Sign in with your email address to start.`,
  sendCode: 'Send code',
  code: 'Sign-in code',
  codeSent: (email, length) => `We sent a ${length}-digit code to ${email}.`,
  resent: 'A new code is on its way.',
  resend: 'Send a new code',
  otherEmail: 'Use another email address',
  link: 'You opened the sign-in link from your email. Sign in to continue here.',
  orLink: 'Or open the link in that email: it brings you back here, signed in.',
  signOut: 'Sign out',
  problems: {
    code_format: 'Enter the code from the email, digits only.',
    wrong: (left) => `That code is not right: ${left === 1 ? '1 try' : `${left} tries`} left.`,
    expired: 'This code has expired. Send a new code.',
    used: 'This code was already used. Send a new code.',
    too_many_attempts: 'Too many wrong codes were tried. Send a new code.',
    unknown: 'This code cannot be used. Send a new code.',
    rate_limited: 'Too many codes were asked for. Please wait a few minutes before asking again.',
    link: 'This sign-in link can no longer be used (it works once, for 10 minutes). Enter your email address for a new code.',
  },
};
