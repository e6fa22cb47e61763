import { useId, useState } from 'react';
import { isApiError } from '../../api/api-error';
import type { Product } from '../../api/response-types';
import { AdminError } from '../components/admin-error';
import { FormField } from '../components/form-field';
import {
  changedFields,
  errorsFromIssues,
  FIELD_ORDER,
  type ProductErrors,
  type ProductField,
  toFields,
  valuesOf,
} from './product-values';
import { useSaveProduct } from './save-product';

const timeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

/**
 * Creates a product, or edits one: every field of the admin API, what the server refuses shown
 * next to the field it is about. Stock is set here only when creating; later it is restocked.
 */
export const ProductForm = ({
  product,
  currency,
  onSaved,
}: {
  product: Product | null;
  currency: string;
  onSaved: (product: Product, message: string) => void;
}) => {
  const save = useSaveProduct();
  const [values, setValues] = useState(() => valuesOf(product));
  const [errors, setErrors] = useState<ProductErrors>({});
  const id = useId();
  const fieldId = (field: ProductField) => `${id}-${field}`;

  const show = (found: ProductErrors) => {
    setErrors(found);
    const first = FIELD_ORDER.find((field) => found[field]);
    if (first) document.getElementById(fieldId(first))?.focus();
  };

  const onSubmit = (event: React.FormEvent) => {
    event.preventDefault();
    if (save.isPending) return;
    const converted = toFields(values);
    if (!converted.ok) return show(converted.errors);
    setErrors({});
    const { stock: _stock, ...fields } = converted.fields;
    const request = product
      ? ({
          kind: 'update',
          productId: product.id,
          changes: changedFields(product, fields),
        } as const)
      : ({ kind: 'create', fields: converted.fields } as const);
    if (request.kind === 'update' && Object.keys(request.changes).length === 0) {
      return onSaved(product!, 'Nothing changed, so there was nothing to save.');
    }
    save.mutate(request, {
      onSuccess: (saved) => onSaved(saved, product ? 'Changes saved.' : `${saved.name} created.`),
      onError: (error) => {
        if (isApiError(error, 'VALIDATION_FAILED')) show(errorsFromIssues(error.issues));
      },
    });
  };

  const text = (field: ProductField, label: string, options: { hint?: string } = {}) => (
    <FormField id={fieldId(field)} label={label} hint={options.hint} error={errors[field]}>
      {(described) => (
        <input
          {...described}
          name={field}
          className="input"
          value={values[field]}
          onChange={(event) => change(field, event.target.value)}
        />
      )}
    </FormField>
  );

  const change = (field: ProductField, value: string) => {
    setValues((current) => ({ ...current, [field]: value }));
    if (errors[field]) setErrors((current) => ({ ...current, [field]: undefined }));
  };

  return (
    <form className="admin-form" noValidate onSubmit={onSubmit}>
      <fieldset className="fieldset">
        <legend>Product</legend>
        {text('name', 'Name')}
        {text('sku', 'SKU', { hint: 'Your own stock code: letters, digits, “.”, “_” or “-”.' })}
        <FormField id={fieldId('description')} label="Description" error={errors.description}>
          {(described) => (
            <textarea
              {...described}
              name="description"
              className="input"
              rows={4}
              value={values.description}
              onChange={(event) => change('description', event.target.value)}
            />
          )}
        </FormField>
        {text('category', 'Category', { hint: 'Lowercase, like “sneakers” or “home-office”.' })}
        {text('imageUrl', 'Image URL', {
          hint: 'An https:// address, or a path on this shop like /images/products/lamp.svg.',
        })}
      </fieldset>

      <fieldset className="fieldset">
        <legend>Price and stock</legend>
        <div className="field-row">
          <FormField id={fieldId('price')} label={`Price (${currency})`} error={errors.price}>
            {(described) => (
              <input
                {...described}
                name="price"
                className="input"
                inputMode="decimal"
                placeholder="24.99"
                value={values.price}
                onChange={(event) => change('price', event.target.value)}
              />
            )}
          </FormField>
          {product ? (
            <div className="field">
              <span className="field__label">Stock</span>
              <p className="field__static">
                {product.stock} — add units with <strong>Restock</strong> below.
              </p>
            </div>
          ) : (
            <FormField id={fieldId('stock')} label="Stock (units)" error={errors.stock}>
              {(described) => (
                <input
                  {...described}
                  name="stock"
                  className="input"
                  inputMode="numeric"
                  value={values.stock}
                  onChange={(event) => change('stock', event.target.value)}
                />
              )}
            </FormField>
          )}
        </div>
        <div className="field-row">
          {text('maxPerOrder', 'Limit per order', { hint: 'Empty for no limit.' })}
          {text('maxPerCustomer', 'Limit per customer', {
            hint: 'Across all their orders; empty for no limit.',
          })}
        </div>
      </fieldset>

      <fieldset className="fieldset">
        <legend>Drop</legend>
        <FormField
          id={fieldId('saleStartsAt')}
          label="Goes on sale at"
          hint={`Your time zone: ${timeZone()}. Empty: on sale now. Before this moment checkout refuses the product; shoppers see a countdown.`}
          error={errors.saleStartsAt}
        >
          {(described) => (
            <div className="input-with-button">
              <input
                {...described}
                name="saleStartsAt"
                className="input"
                type="datetime-local"
                step={1}
                value={values.saleStartsAt}
                onChange={(event) => change('saleStartsAt', event.target.value)}
              />
              <button
                type="button"
                className="button button--secondary button--small"
                disabled={values.saleStartsAt === ''}
                onClick={() => change('saleStartsAt', '')}
              >
                Clear drop time
              </button>
            </div>
          )}
        </FormField>
      </fieldset>

      {errors.form && <p className="field__error">{errors.form}</p>}
      {save.isError && <AdminError error={save.error} />}
      <button type="submit" className="button" aria-disabled={save.isPending || undefined}>
        {save.isPending ? 'Saving…' : product ? 'Save changes' : 'Create product'}
      </button>
    </form>
  );
};
