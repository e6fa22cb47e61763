import { aShippingAddress } from '@sellout/core/testing/builders';
import { screen } from '@testing-library/react';
import type { UserEvent } from '@testing-library/user-event';

export type Address = {
  email: string;
  name: string;
  line1: string;
  city: string;
  postalCode: string;
  country: string;
};

export const anAddress = (overrides: Partial<Address> = {}): Address => {
  const { line2: _line2, ...address } = aShippingAddress();
  return { email: 'ana@example.com', ...address, ...overrides };
};

/** Fills the checkout form the way a shopper does, field by field by label. */
export const fillCheckout = async (user: UserEvent, address: Partial<Address> = {}) => {
  const values = anAddress(address);
  const type = async (label: string, value: string) => {
    const field = screen.getByLabelText(label);
    await user.clear(field);
    if (value) await user.type(field, value);
  };
  await type('Email', values.email);
  await type('Full name', values.name);
  await type('Address line 1', values.line1);
  await type('City', values.city);
  await type('Postal code', values.postalCode);
  await user.selectOptions(screen.getByLabelText('Country'), values.country);
};
