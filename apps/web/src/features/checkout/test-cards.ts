/** The simulated gateway's tokens (DESIGN §5), offered as a clearly marked demo control. */
export const TEST_CARDS = [
  { token: 'tok_visa', label: 'Approves' },
  { token: 'tok_declined', label: 'Declines' },
  { token: 'tok_error', label: 'Gateway error' },
] as const;
