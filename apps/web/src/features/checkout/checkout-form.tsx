import { TEST_CARDS, type TestCardToken } from '@sellout/core/payments/simulated-payment-gateway';
import { formatMoney } from '@sellout/core/shared/money';
import { useQueryClient } from '@tanstack/react-query';
import { useId, useMemo, useRef, useState } from 'react';
import { type ApiError, isApiError } from '../../api/api-error';
import { describeError } from '../../api/error-messages';
import { queryKeys } from '../../api/query-keys';
import type { CartItem, Product } from '../../api/response-types';
import { countryOptions, guessCountry } from '../../lib/countries';
import { randomId } from '../../lib/random-id';
import { type LineFit, useFitCart } from '../cart/fit-cart';
import { useServerClock } from '../drops/server-clock';
import { useBuyNow } from './buy-now';
import {
  type CheckoutValues,
  FIELD_ORDER,
  type FieldErrors,
  fieldErrorsFrom,
  validateBuyNow,
  validateCartCheckout,
} from './checkout-values';
import { usePlaceOrder } from './place-order';
import { TextField } from './text-field';
import { isUncertain } from './use-checkout-mutation';

export type CheckoutTarget =
  | {
      kind: 'cart';
      items: readonly CartItem[];
      totalCents: number;
      currency: string;
      /**
       * Says what checkout changed in the cart. The page shows it, not the form: when the last
       * line sold out, the form gives way to the empty cart, and the words must stay.
       */
      onCartFixed: (message: string | null) => void;
    }
  | {
      kind: 'buy-now';
      product: Product;
      quantity: number;
      /** "Buy 2 instead" after the shop answered that fewer are left or allowed. */
      onQuantityChange: (quantity: number) => void;
    };

const initialValues = (): CheckoutValues => ({
  email: '',
  name: '',
  line1: '',
  line2: '',
  city: '',
  postalCode: '',
  country: guessCountry(typeof navigator === 'undefined' ? [] : navigator.languages),
  paymentToken: 'tok_visa' satisfies TestCardToken,
});

/** Cart lines lowered to what the shop said can be bought, and the words that say so. */
const cartFixes = (error: ApiError, items: readonly CartItem[]) => {
  const nameOf = (id: string) => items.find((i) => i.productId === id)?.name ?? 'An item';
  const fits: LineFit[] = [];
  const words: string[] = [];
  for (const s of error.shortfalls) {
    fits.push({ productId: s.productId, quantity: s.available });
    words.push(
      s.available === 0
        ? `${nameOf(s.productId)} just sold out — we removed it from your cart.`
        : `Only ${s.available} left of ${nameOf(s.productId)} — we updated your cart.`,
    );
  }
  for (const b of error.limitBreaches) {
    fits.push({ productId: b.productId, quantity: b.limit });
    words.push(`Limit ${b.limit} per order for ${nameOf(b.productId)} — we updated your cart.`);
  }
  return { fits, words };
};

export const CheckoutForm = ({ target }: { target: CheckoutTarget }) => {
  const placeOrder = usePlaceOrder();
  const buyNow = useBuyNow();
  const place = target.kind === 'cart' ? placeOrder : buyNow;
  const fitCart = useFitCart();
  const clock = useServerClock();
  const queryClient = useQueryClient();
  const [values, setValues] = useState(initialValues);
  const [errors, setErrors] = useState<FieldErrors>({});
  // The cart was corrected after OUT_OF_STOCK or a limit: the page says so instead of the error.
  const [cartFixed, setCartFixed] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  // One Idempotency-Key per attempt: kept while the outcome is unknown, dropped once the shop
  // has said yes or no, so "try again" can never buy twice and a new attempt is a new order.
  const attemptKey = useRef<string | null>(null);
  // State updates are not synchronous; a ref stops a second submit in the same tick.
  const submitting = useRef(false);
  // 249 options: built once, so typing in other fields does not re-render them.
  const countryChoices = useMemo(
    () =>
      countryOptions().map((country) => (
        <option key={country.code} value={country.code}>
          {country.name}
        </option>
      )),
    [],
  );
  const id = useId();

  const total =
    target.kind === 'cart' ? target.totalCents : target.product.priceCents * target.quantity;
  const currency = target.kind === 'cart' ? target.currency : target.product.currency;
  const productName = (productId: string) =>
    target.kind === 'cart'
      ? target.items.find((i) => i.productId === productId)?.name
      : target.product.name;

  const focusFirst = (found: FieldErrors) => {
    const first = FIELD_ORDER.find((field) => found[field]);
    const element = first && formRef.current?.elements.namedItem(first);
    if (element instanceof HTMLElement) element.focus();
  };

  const refuse = (found: FieldErrors) => {
    setErrors(found);
    focusFirst(found);
  };

  const onRejected = (error: unknown) => {
    if (!isApiError(error)) return;
    if (error.code === 'VALIDATION_FAILED') return refuse(fieldErrorsFrom(error.issues, values));
    if (error.code === 'NOT_ON_SALE') {
      // The shop's clock said "not yet": count down from its drop times, on its time.
      void clock.sync();
      for (const queryKey of [queryKeys.cart, queryKeys.products]) {
        void queryClient.invalidateQueries({ queryKey });
      }
      return;
    }
    if (
      target.kind === 'cart' &&
      (error.code === 'OUT_OF_STOCK' || error.code === 'PURCHASE_LIMIT_EXCEEDED')
    ) {
      const { fits, words } = cartFixes(error, target.items);
      if (fits.length === 0) return;
      const { onCartFixed } = target;
      // Awaited rather than a mutate() callback: when the last line sold out, the fix empties
      // the cart, this form unmounts, and the page must still be told what happened.
      fitCart
        .mutateAsync(fits)
        .then((cart) => {
          setCartFixed(true);
          const next = cart && cart.items.length > 0 ? ' Check your order and place it again.' : '';
          onCartFixed(`${words.join(' ')}${next}`);
        })
        .catch(() => {
          // Shown by the form from fitCart.error, next to the checkout's own error.
        });
    }
  };

  /** Starts an attempt (or goes on with the unfinished one) and returns its key. */
  const begin = () => {
    setErrors({});
    setCartFixed(false);
    if (target.kind === 'cart') target.onCartFixed(null);
    submitting.current = true;
    attemptKey.current ??= randomId();
    return attemptKey.current;
  };

  const outcome = {
    onSuccess: () => {
      attemptKey.current = null;
    },
    onError: (error: Error) => {
      if (!isUncertain(error)) attemptKey.current = null;
      onRejected(error);
    },
    onSettled: () => {
      submitting.current = false;
    },
  };

  const onSubmit = (event: React.FormEvent) => {
    event.preventDefault();
    if (submitting.current) return;
    // Each checkout is checked by the API's own schema for it before anything is sent.
    if (target.kind === 'cart') {
      const checked = validateCartCheckout(values);
      if (!checked.ok) return refuse(checked.errors);
      placeOrder.mutate({ input: checked.input, idempotencyKey: begin() }, outcome);
    } else {
      const item = { productId: target.product.id, quantity: target.quantity };
      const checked = validateBuyNow(values, item);
      if (!checked.ok) return refuse(checked.errors);
      buyNow.mutate({ input: checked.input, idempotencyKey: begin() }, outcome);
    }
  };

  const update =
    (field: keyof CheckoutValues) =>
    (event: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) => {
      setValues((current) => ({ ...current, [field]: event.target.value }));
      if (errors[field]) setErrors((current) => ({ ...current, [field]: undefined }));
    };

  const fieldProps = (field: Exclude<keyof CheckoutValues, 'country' | 'paymentToken'>) => ({
    id: `${id}-${field}`,
    name: field,
    value: values[field],
    onChange: update(field),
    error: errors[field],
  });

  const retrying = place.isPending && place.failureReason;
  const soldOut = target.kind === 'buy-now' && target.product.stock <= 0;
  const busy = place.isPending || fitCart.isPending;

  return (
    <form ref={formRef} className="checkout-form" noValidate onSubmit={onSubmit}>
      <fieldset className="fieldset">
        <legend>Contact</legend>
        <TextField
          {...fieldProps('email')}
          label="Email"
          type="email"
          autoComplete="email"
          inputMode="email"
          required
          hint="We send the confirmation and invoice here."
        />
      </fieldset>

      <fieldset className="fieldset">
        <legend>Shipping address</legend>
        <TextField {...fieldProps('name')} label="Full name" autoComplete="name" required />
        <TextField
          {...fieldProps('line1')}
          label="Address line 1"
          autoComplete="address-line1"
          required
        />
        <TextField {...fieldProps('line2')} label="Address line 2" autoComplete="address-line2" />
        <div className="field-row">
          <TextField {...fieldProps('city')} label="City" autoComplete="address-level2" required />
          <TextField
            {...fieldProps('postalCode')}
            label="Postal code"
            autoComplete="postal-code"
            required
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-country`}>Country</label>
          <select
            id={`${id}-country`}
            name="country"
            className="select"
            autoComplete="country"
            required
            value={values.country}
            onChange={update('country')}
            aria-invalid={errors.country ? true : undefined}
            aria-describedby={errors.country ? `${id}-country-error` : undefined}
          >
            <option value="">Choose a country…</option>
            {countryChoices}
          </select>
          {errors.country && (
            <p className="field__error" id={`${id}-country-error`}>
              {errors.country}
            </p>
          )}
        </div>
      </fieldset>

      <fieldset className="fieldset fieldset--demo">
        <legend>Payment (demo)</legend>
        <div className="field">
          <label htmlFor={`${id}-card`}>Test card</label>
          <p className="field__hint" id={`${id}-card-hint`}>
            Demo control: this shop takes no real payments. Choose how the simulated card gateway
            answers.
          </p>
          <select
            id={`${id}-card`}
            name="paymentToken"
            className="select"
            aria-describedby={`${id}-card-hint`}
            value={values.paymentToken}
            onChange={update('paymentToken')}
          >
            {Object.entries(TEST_CARDS).map(([token, card]) => (
              <option key={token} value={token}>
                {card.label} ({token})
              </option>
            ))}
          </select>
          {errors.paymentToken && <p className="field__error">{errors.paymentToken}</p>}
        </div>
      </fieldset>

      <div className="checkout-form__messages" aria-live="polite">
        {errors.form && <p className="field__error">{errors.form}</p>}
        {retrying && (
          <p className="alert alert--warning">
            {describeError(place.failureReason, { willRetry: true })}
          </p>
        )}
        {place.isPaused && (
          <p className="alert alert--warning">
            You’re offline — we’ll send your order when you’re back online.
          </p>
        )}
        {fitCart.isPending && <p className="muted">Updating your cart…</p>}
      </div>
      {place.isError && !cartFixed && (
        <div className="alert alert--error" role="alert">
          <p>{describeError(place.error, { productName })}</p>
          {target.kind === 'buy-now' && <BuyInstead error={place.error} target={target} />}
        </div>
      )}
      {fitCart.isError && (
        <div className="alert alert--error" role="alert">
          <p>{describeError(fitCart.error)}</p>
        </div>
      )}

      <button
        type="submit"
        className="button button--block button--large"
        disabled={busy || soldOut}
      >
        {place.isPending ? 'Placing your order…' : `Place order · ${formatMoney(total, currency)}`}
      </button>
    </form>
  );
};

/** For "Buy now": one click to the quantity the shop can sell. */
const BuyInstead = ({
  error,
  target,
}: {
  error: unknown;
  target: Extract<CheckoutTarget, { kind: 'buy-now' }>;
}) => {
  if (!isApiError(error)) return null;
  const most = error.shortfalls[0]?.available ?? error.limitBreaches[0]?.limit ?? null;
  if (most === null || most <= 0 || most >= target.quantity) return null;
  return (
    <button
      type="button"
      className="button button--small"
      onClick={() => target.onQuantityChange(most)}
    >
      Buy {most} instead
    </button>
  );
};
