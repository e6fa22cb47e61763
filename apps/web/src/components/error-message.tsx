import { type DescribeOptions, describeError } from '../api/error-messages';

/** An error in words, announced to screen readers, with a way out when there is one. */
export const ErrorMessage = ({
  error,
  text,
  options,
  onRetry,
  retryLabel = 'Try again',
}: {
  error: unknown;
  /** Overrides the generic words when the caller knows better what went wrong. */
  text?: string | undefined;
  options?: DescribeOptions;
  onRetry?: (() => void) | undefined;
  retryLabel?: string;
}) => (
  <div className="alert alert--error" role="alert">
    <p>{text ?? describeError(error, options)}</p>
    {onRetry && (
      <button type="button" className="button button--small" onClick={onRetry}>
        {retryLabel}
      </button>
    )}
  </div>
);
