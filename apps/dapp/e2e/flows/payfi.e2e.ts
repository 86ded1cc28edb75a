// PayFi end to end: the grocer (7-day refund window) creates a payment link in the dashboard; Alice opens it and
// pays with one signature; the grocer finds the payment by its order reference and refunds it (part, then the
// rest); the CSV export's downloaded file has it as refunded. Then points: Alice pays the cafe's link (no refund
// window, so points mint at once), sees the points on the receipt and on the Points page; an expired link is
// refused before anything is signed.
import { readFileSync } from 'node:fs';
import { parsePaymentLink, parsePusd } from '@plaza/sdk';
import { describe, expect, it } from 'vitest';
import { readCsv } from '../../src/lib/payfi/forms';
import { connectWallet, e2eStack, isolateChain, lastFlow, openDapp, plazaAs } from '../harness';

const stack = e2eStack();
isolateChain();
const SIGN_METHODS = ['eth_signTypedData_v4', 'eth_signTypedData', 'personal_sign', 'eth_sign'];

/** The app-relative path of a link (the harness opens paths on the stack's app). */
const pathOf = (link: string) => {
  const url = new URL(link);
  return `${url.pathname}${url.search}`;
};

describe('PayFi', () => {
  it('merchant creates a link, shopper pays with one signature, merchant refunds, CSV has it', async () => {
    const grocerSdk = plazaAs('grocer');
    const aliceSdk = plazaAs('alice');
    const grocer = grocerSdk.walletClient!.account!.address;
    const alice = aliceSdk.walletClient!.account!.address;
    const amount = parsePusd('42.5');
    const order = `E2E-${Date.now().toString(36)}`;

    // 1. The merchant makes a link.
    let link: string;
    const merchantApp = await openDapp(stack, { account: 'grocer', path: '/merchant' });
    try {
      const { page } = merchantApp;
      await connectWallet(page);
      await page.getByTestId('balance-pending').waitFor();
      await page.getByTestId('payment-row').first().waitFor(); // the demo world's payments, from the subgraph
      await page.getByLabel('Amount', { exact: true }).fill('42.5');
      await page.getByLabel('Order reference', { exact: true }).fill(order);
      await page.getByLabel('Expires after').selectOption({ label: '1 day' });
      await page.getByRole('button', { name: 'Create link' }).click();
      await page.getByTestId('payment-link-qr').waitFor();
      link = await page.getByTestId('payment-link-url').inputValue();
      const eip681 = await page.getByTestId('payment-link-eip681').inputValue();
      const parsed = parsePaymentLink(link);
      expect(parsed.kind).toBe('plaza');
      if (parsed.kind !== 'plaza') return;
      expect(parsed.request).toMatchObject({
        merchant: grocer,
        amount,
        chainId: stack.chainId,
        autoCapture: true,
      });
      expect(parsed.request.payer).toBeUndefined();
      expect(new URL(link).origin).toBe(new URL(stack.appUrl).origin);
      expect(eip681).toMatch(
        new RegExp(
          `^ethereum:0x[0-9a-fA-F]{40}@${stack.chainId}/transfer\\?address=${grocer}&uint256=42500000000000000000$`,
        ),
      );
      expect(await page.getByTestId('payment-link-qr').getAttribute('src')).toMatch(/^data:image\/svg\+xml/);
      await merchantApp.screenshot('payfi-merchant-link');
      expect(merchantApp.errors).toEqual([]);
    } finally {
      await merchantApp.close();
    }

    // 2. The shopper opens it and pays: one signature, then the signed payment is sent.
    const aliceBefore = await aliceSdk.pusd.balanceOf(alice);
    const shopperApp = await openDapp(stack, { account: 'alice', path: pathOf(link) });
    try {
      const { page, wallet } = shopperApp;
      await connectWallet(page);
      expect(await page.getByTestId('checkout-amount').innerText()).toBe('42.5 pUSD');
      expect(await page.getByTestId('checkout-order').innerText()).toBe(order);
      expect(await page.getByTestId('checkout-points').innerText()).toMatch(/GRO.*refund window/);
      await shopperApp.screenshot('payfi-checkout');
      const seen = wallet.requests.length;
      await page.getByRole('button', { name: 'Sign and pay 42.5 pUSD' }).click();
      expect(await lastFlow(page)).toMatchObject({ status: 'confirmed', error: null });
      const asked = wallet.requests.slice(seen);
      expect(asked.filter((m) => SIGN_METHODS.includes(m))).toEqual(['eth_signTypedData_v4']);
      expect(asked.filter((m) => m === 'eth_sendTransaction')).toHaveLength(1);
      await page.getByTestId('checkout-receipt').waitFor();
      expect(await page.getByTestId('receipt-points').innerText()).toMatch(/when the payment settles/);
      await shopperApp.screenshot('payfi-receipt');
      expect(shopperApp.errors).toEqual([]);
    } finally {
      await shopperApp.close();
    }
    const info = await grocerSdk.payments.fromLink(link, alice);
    expect(await aliceSdk.pusd.balanceOf(alice)).toBe(aliceBefore - amount);
    expect((await grocerSdk.payments.state(info)).held).toBe(amount);

    // 3. The merchant finds it by order reference and refunds 10, then the rest; 4. exports the CSV.
    const refundApp = await openDapp(stack, { account: 'grocer', path: '/merchant' });
    try {
      const { page } = refundApp;
      await connectWallet(page);
      await page.getByLabel('Search order reference or tx hash').fill(order);
      await page.getByRole('button', { name: 'Search', exact: true }).click();
      const row = page.getByTestId('payment-row');
      await expect.poll(() => row.count(), { timeout: 10_000 }).toBe(1);
      expect(await row.getAttribute('data-status')).toBe('HELD');
      await row.getByRole('button', { name: /Manage/ }).click();
      await page.getByLabel(/Refund amount/).fill('10');
      await page.getByRole('button', { name: 'Refund 10 pUSD' }).click();
      expect(await lastFlow(page)).toMatchObject({ status: 'confirmed', error: null });
      // Still held (the rest stays refundable) with 10 refunded: the subgraph's status stays HELD.
      await expect
        .poll(() => row.getAttribute('data-refunded'), { timeout: 10_000 })
        .toBe(parsePusd('10').toString());
      expect(await row.getAttribute('data-status')).toBe('HELD');
      expect((await grocerSdk.payments.state(info)).held).toBe(amount - parsePusd('10'));

      await row.getByRole('button', { name: /Manage/ }).click();
      await page.getByLabel(/Refund amount/).fill('40');
      expect(await page.getByText('More than what is still held (32.5 pUSD).').count()).toBe(1);
      await page.getByLabel(/Refund amount/).fill('');
      await page.getByRole('button', { name: 'Refund in full' }).click();
      const fullRefund = await lastFlow(page);
      expect(fullRefund).toMatchObject({ status: 'confirmed', error: null });
      await expect.poll(() => row.getAttribute('data-status'), { timeout: 10_000 }).toBe('REFUNDED');
      expect(await aliceSdk.pusd.balanceOf(alice)).toBe(aliceBefore);
      await refundApp.screenshot('payfi-refunded');

      // Searching by a transaction hash (here the refund's) finds the payment too.
      await page.getByLabel('Search order reference or tx hash').fill(fullRefund.hashes[0]!);
      await page.getByRole('button', { name: 'Search', exact: true }).click();
      await expect.poll(() => row.count(), { timeout: 10_000 }).toBe(1);
      expect(await row.getAttribute('data-id')).toBe(grocerSdk.payments.paymentId(info).toLowerCase());

      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Export CSV' }).click(),
      ]);
      expect(download.suggestedFilename()).toMatch(/^plaza-payments-0x[0-9a-f]{8}-\d{4}-\d{2}-\d{2}\.csv$/);
      const rows = readCsv(readFileSync((await download.path())!, 'utf8'));
      const ours = rows.filter((r) => r.orderRef === order);
      expect(ours).toHaveLength(1);
      expect(ours[0]).toMatchObject({ status: 'REFUNDED', mode: 'DIRECT', payer: alice.toLowerCase() });
      expect(parsePusd(ours[0]!.amount!)).toBe(amount);
      expect(parsePusd(ours[0]!.refunded!)).toBe(amount);
      // The demo world's grocer payments are in the export as well (Alice's basket, Bob's order).
      expect(rows.length).toBeGreaterThan(2);
      expect(refundApp.errors).toEqual([]);
    } finally {
      await refundApp.close();
    }
  });

  it('shopper earns points at once at a merchant without a refund window, sees them, and an expired link is refused', async () => {
    const cafeSdk = plazaAs('cafe');
    const aliceSdk = plazaAs('alice');
    const cafe = cafeSdk.walletClient!.account!.address;
    const alice = aliceSdk.walletClient!.account!.address;
    const amount = parsePusd('20');
    const now = Number((await cafeSdk.publicClient.getBlock()).timestamp);
    const offer = await cafeSdk.payments.createPayment({
      merchant: cafe,
      payer: cafe,
      amount,
      orderRef: 'LATTE-E2E',
    });
    const link = await cafeSdk.payments.link(offer, { baseUrl: stack.appUrl });
    const expired = await cafeSdk.payments.link(
      { ...offer, authorizationExpiry: now - 60, refundExpiry: now - 60 },
      { baseUrl: stack.appUrl },
    );
    const quote = await aliceSdk.payments.quote(await aliceSdk.payments.fromLink(link, alice));
    expect(quote.points).toBeGreaterThan(0n);
    const pointsBefore = await aliceSdk.points.balanceOf(cafe, alice);

    const app = await openDapp(stack, { account: 'alice', path: pathOf(expired) });
    try {
      const { page } = app;
      await connectWallet(page);
      await page.getByTestId('checkout-problem').waitFor();
      expect(await page.getByTestId('checkout-problem').innerText()).toMatch(/expired/);
      expect(await page.getByRole('button', { name: /Sign and pay/ }).isDisabled()).toBe(true);

      await page.goto(`${stack.appUrl}${pathOf(link)}`); // the app reconnects the wallet silently
      await page.getByRole('button', { name: 'Sign and pay 20 pUSD' }).click();
      expect(await lastFlow(page)).toMatchObject({ status: 'confirmed', error: null });
      expect(await page.getByTestId('receipt-points').innerText()).toMatch(/^You earned 20 BEAN\.$/);
      expect(await aliceSdk.points.balanceOf(cafe, alice)).toBe(pointsBefore + quote.points);

      await page.getByRole('link', { name: 'Points' }).first().click();
      const bean = page.locator('[data-testid="points-program"][data-symbol="BEAN"]');
      await bean.waitFor();
      await expect
        .poll(() => bean.getByTestId('points-balance').getAttribute('data-value'))
        .toBe((pointsBefore + quote.points).toString());
      await app.screenshot('payfi-points');
      expect(app.errors).toEqual([]);
    } finally {
      await app.close();
    }
  });
});
