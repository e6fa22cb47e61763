import { isApiError } from '../../api/api-error';
import { describeError } from '../../api/error-messages';
import { ErrorMessage } from '../../components/error-message';

/** An error in words a shop owner can act on; shopper-side wording is not theirs. */
const describeAdminError = (error: unknown): string => {
  if (!isApiError(error)) return describeError(error);
  switch (error.code) {
    case 'UNAUTHORIZED':
      return 'The shop did not accept your admin token — sign in again.';
    case 'FORBIDDEN':
      return 'That token belongs to a shopper, not to the shop’s owner.';
    case 'NOT_FOUND':
      return 'The shop has no such product or order (any more).';
    case 'VALIDATION_FAILED':
      return 'Some fields need fixing — see the messages next to them.';
    case 'ORDER_NOT_PENDING':
      return 'This order is already confirmed or cancelled, so it can no longer be cancelled.';
    default:
      return describeError(error);
  }
};

export const AdminError = ({
  error,
  onRetry,
}: {
  error: unknown;
  onRetry?: (() => void) | undefined;
}) => <ErrorMessage error={error} text={describeAdminError(error)} onRetry={onRetry} />;
