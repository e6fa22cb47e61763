import { useId, useState } from 'react';
import { useApi } from '../../api/api-context';
import { isApiError } from '../../api/api-error';
import { describeError } from '../../api/error-messages';
import { useAdmin } from './admin-context';

/** Why a token was refused, in words, with where the right one is. */
const refusal = (error: unknown) => {
  if (isApiError(error, 'UNAUTHORIZED')) {
    return 'That is not this shop’s admin token. You find it in DATA_DIR/secrets.json (“adminToken”), or it is the ADMIN_TOKEN setting the shop was started with.';
  }
  if (isApiError(error, 'FORBIDDEN')) {
    return 'That is a shopper’s session token, not the admin token: it cannot open the console.';
  }
  return describeError(error);
};

/** The console's door: the admin token in a password field, checked with the shop first. */
export const SignIn = () => {
  const admin = useAdmin();
  const api = useApi();
  const [token, setToken] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [checking, setChecking] = useState(false);
  const id = useId();

  const onSubmit = async (event: React.FormEvent) => {
    event.preventDefault();
    const typed = token.trim();
    if (checking) return;
    if (typed === '') return setProblem('Enter the admin token.');
    setChecking(true);
    setProblem(null);
    try {
      // The cheapest admin read: it answers 401 for a wrong token, 403 for a shopper's.
      await api.json((s) => s.orderPageJsonSchema, {
        path: '/api/admin/orders',
        query: { limit: 1 },
        headers: { Authorization: `Bearer ${typed}` },
      });
      admin.signIn(typed);
    } catch (error) {
      setProblem(refusal(error));
      document.getElementById(id)?.focus();
    } finally {
      setChecking(false);
    }
  };

  return (
    <div className="admin-signin">
      <title>Sign in · Sellout admin</title>
      <h1>Shop admin</h1>
      <p className="muted">
        Sign in with the shop’s admin token. It is kept for this browser tab only: closing the tab
        signs you out.
      </p>
      {admin.notice && (
        <p className="alert alert--warning" role="alert">
          {admin.notice}
        </p>
      )}
      <form className="admin-form" noValidate onSubmit={(event) => void onSubmit(event)}>
        <div className="field">
          <label htmlFor={id}>Admin token</label>
          <input
            id={id}
            className="input"
            type="password"
            autoComplete="current-password"
            spellCheck={false}
            value={token}
            aria-invalid={problem ? true : undefined}
            aria-describedby={problem ? `${id}-problem` : undefined}
            onChange={(event) => setToken(event.target.value)}
          />
          {problem && (
            <p className="field__error" id={`${id}-problem`} role="alert">
              {problem}
            </p>
          )}
        </div>
        <button type="submit" className="button" aria-disabled={checking || undefined}>
          {checking ? 'Checking…' : 'Sign in'}
        </button>
      </form>
    </div>
  );
};
