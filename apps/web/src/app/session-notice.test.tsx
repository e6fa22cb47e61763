import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createFakeApi } from '../test/fake-api';
import { renderApp, signedInAs } from '../test/render-app';

const NOTICE =
  'Your session expired, so we started a new one. Your previous cart and orders are no longer available here.';

describe('the notice of a replaced session', () => {
  it('tells the shopper once, until dismissed, when the store refused their session', async () => {
    const fake = createFakeApi();
    signedInAs(fake, []);
    fake.forgetSessions();
    const { user } = renderApp('/orders', { api: fake });

    expect(await screen.findByText(NOTICE)).toBeTruthy();
    expect(await screen.findByText('You have no orders yet.')).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Dismiss this notice' }));
    expect(screen.queryByText(NOTICE)).toBeNull();
  });

  it('says nothing on a first visit, when the first session is created', async () => {
    renderApp('/orders');
    expect(await screen.findByText('You have no orders yet.')).toBeTruthy();
    expect(screen.queryByText(NOTICE)).toBeNull();
  });
});
