import { paymentQrCode, parsePusd, type PlazaClient } from '@plaza/sdk';

// Checkout by link: the merchant makes a payment link (with a QR code, and the EIP-681 fallback for plain
// wallets); whoever opens it signs once, and a relayer submits it, so the shopper pays no gas.
export async function checkoutLink(merchant: PlazaClient, orderRef: string, amount: string) {
  const me = merchant.walletClient!.account!.address;
  const offer = await merchant.payments.createPayment({
    merchant: me,
    amount: parsePusd(amount),
    orderRef,
    payer: me,
  });
  const link = await merchant.payments.link(offer, { baseUrl: 'https://app.plaza.example' }); // payer left out
  const qr = await paymentQrCode(link); // an SVG; { format: 'terminal' } prints it in a console
  const plainWallets = await merchant.payments.eip681Link(offer); // a plain transfer to the payout address
  return { link, qr, plainWallets };
}

export async function payLink(shopper: PlazaClient, relayer: PlazaClient, link: string) {
  const info = await shopper.payments.fromLink(link); // the shopper becomes the payer
  const quote = await shopper.payments.quote(info); // fee, referral share, points
  const signed = await shopper.payments.signPayment(info); // one EIP-3009 signature (ERC-1271 wallets too)
  const sent = await relayer.payments.submitPayment(signed);
  await sent.wait();
  return { id: sent.result, quote, state: await shopper.payments.state(info) };
}

// Escrow at a merchant with a refund window: authorize, capture part, refund part; the merchant draws an advance
// on what it holds; anyone settles after the window (the advance is repaid first).
export async function escrowAndAdvance(merchant: PlazaClient, shopper: PlazaClient, relayer: PlazaClient) {
  const me = merchant.walletClient!.account!.address;
  const info = await shopper.payments.createPayment({
    merchant: me,
    amount: parsePusd('200'),
    mode: 'escrow',
  });
  await (await relayer.payments.submitPayment(await shopper.payments.signPayment(info))).wait();
  await (await merchant.payments.capture({ payment: info, amount: parsePusd('150') })).wait();
  await (await merchant.payments.refund({ payment: info, amount: parsePusd('30') })).wait();

  const credit = await merchant.advances.credit(me); // score → rate → limit, capped by the pool's liquidity
  const advance = await merchant.advances.advance({ amount: credit.available / 2n });
  await advance.wait();
  return { state: await merchant.payments.state(info), credit, received: advance.result };
}
