// Phase 2 of the demo world, part 2: three merchants with direct, gasless (EIP-3009) and escrowed payments, a
// capture, a refund, points earned and redeemed, an AdvancePool deposit and an advance.
import { parsePusd, type PaymentInfo } from '@plaza/sdk';
import type { SeedStep } from './types.js';
import { fundPusd, mined, pusd } from './util.js';

const WEEK = 7 * 86_400;

/**
 * The PayFi demo steps, in order: merchants registered with loyalty programs and referral codes; direct and
 * gasless payments (one from a payment link, one referred); an escrow captured and partly refunded; points earned
 * and redeemed from the reserve; an AdvancePool deposit and an advance.
 *
 * @example
 * ```ts
 * import { payfiSteps } from '@plaza/devnet';
 * payfiSteps.map((s) => s.id); // ['payfi.merchants', 'payfi.payments', 'payfi.escrow', 'payfi.points', 'payfi.advances']
 * ```
 */
export const payfiSteps: readonly SeedStep[] = [
  {
    id: 'payfi.merchants',
    module: 'merchants',
    title: 'Three merchants registered, with loyalty programs and referral codes',
    contracts: ['MerchantRegistry', 'PaymentProcessor'],
    async run(seed) {
      const deployer = seed.plaza('deployer');
      const expiry = (await seed.now()) + 365n * 86_400n;
      const records = [
        ['cafe', { kycLevel: 2, jurisdiction: 'US', expiry, creditScore: 720 }],
        ['grocer', { kycLevel: 2, jurisdiction: 'GB', expiry, creditScore: 800 }],
        ['gadgets', { kycLevel: 2, jurisdiction: 'DE', expiry, creditScore: 640 }],
      ] as const;
      await mined(
        deployer.compliance.setRecords({
          records: records.map(([name, record]) => ({ account: seed.account(name).address, record })),
        }),
      );
      await mined(seed.plaza('cafe').merchants.register({ referralCode: 'CAFE' }));
      await mined(seed.plaza('grocer').merchants.register({ refundWindow: WEEK, referralCode: 'GROCER' }));
      await mined(
        seed.plaza('gadgets').merchants.register({ refundWindow: 3 * 86_400, referralCode: 'GADGETS' }),
      );
      await mined(
        seed.plaza('cafe').merchants.createLoyaltyProgram({
          name: 'Harbor Cafe Beans',
          symbol: 'BEAN',
          earnRateBps: 10_000,
          pointValue: parsePusd('0.01'),
        }),
      );
      await mined(
        seed.plaza('grocer').merchants.createLoyaltyProgram({
          name: 'Main Street Grocer Points',
          symbol: 'GRO',
          earnRateBps: 20_000,
          pointValue: parsePusd('0.005'),
        }),
      );
      await mined(
        seed
          .plaza('grocer')
          .merchants.setOperator({ operator: seed.account('relayer').address, allowed: true }),
      );
      await mined(deployer.merchants.setFeeTier({ merchant: seed.account('gadgets').address, tier: 1 }));
      await mined(
        deployer.merchants.setReferralCodeFor({ partner: seed.account('bob').address, code: 'BOB' }),
      );
      const fees = await Promise.all([0, 1].map((tier) => deployer.payments.tierFee(tier)));
      seed.note(
        `PayFi: merchants Harbor Cafe (fee ${fees[0]} bps, settled at once, BEAN points), Main Street Grocer (7-day refund window, GRO points, the relayer as operator), Gadget Corner (3-day window, tier 1: ${fees[1]} bps); Bob holds partner referral code BOB`,
      );
    },
  },
  {
    id: 'payfi.payments',
    module: 'payments',
    title: 'Payments: direct, gasless from a payment link (referred), and held in a refund window',
    contracts: ['PaymentProcessor', 'MerchantRegistry'],
    async run(seed) {
      const cafe = seed.account('cafe').address;
      // Dave pays the cafe directly from an allowance.
      const direct = await seed
        .plaza('dave')
        .payments.createPayment({ merchant: cafe, amount: parsePusd('4.5'), orderRef: 'LATTE-1' });
      await (await seed.plaza('dave').payments.pay(direct)).payment.wait();

      // The cafe shows a payment link; Alice opens it, signs once, the relayer submits (Alice pays no gas).
      const offer = await seed.plaza('cafe').payments.createPayment({
        merchant: cafe,
        amount: parsePusd('12.8'),
        orderRef: 'TABLE-7',
        payer: cafe,
        referrer: seed.account('bob').address,
      });
      const link = await seed.plaza('cafe').payments.link(offer, { baseUrl: 'https://app.plaza.example' });
      const info = await seed.plaza('alice').payments.fromLink(link);
      const signed = await seed.plaza('alice').payments.signPayment(info);
      await mined(seed.plaza('relayer').payments.submitPayment(signed));

      // Carol buys a laptop at Gadget Corner, gaslessly; the money is held for its 3-day refund window.
      const laptop = await seed.plaza('carol').payments.createPayment({
        merchant: seed.account('gadgets').address,
        amount: parsePusd('1250'),
        orderRef: 'LAPTOP-42',
      });
      await mined(
        seed.plaza('relayer').payments.submitPayment(await seed.plaza('carol').payments.signPayment(laptop)),
      );

      await mined(seed.plaza('relayer').payments.payout({ merchant: cafe }));
      const cafeQuote = await seed.plaza('alice').payments.quote(info);
      seed.shared.set('payfi.link', link);
      seed.note(
        `PayFi: Dave paid Harbor Cafe 4.5 pUSD from an allowance; Alice paid 12.8 pUSD from the cafe's payment link with one signature (the relayer paid the gas; Bob's referral share ${pusd(cafeQuote.referralFee, 4)})`,
      );
      seed.note(
        `PayFi: Carol paid Gadget Corner 1,250 pUSD gaslessly, held until its 3-day refund window ends`,
      );
      // A link for the summary that anyone can pay for 30 days (the dApp's /pay page, or any wallet via the SDK).
      const open = await seed.plaza('cafe').payments.createPayment({
        merchant: cafe,
        amount: parsePusd('3.2'),
        orderRef: 'ESPRESSO',
        payer: cafe,
        authorizationExpiry: Number(await seed.now()) + 30 * 86_400,
      });
      const openLink = await seed.plaza('cafe').payments.link(open, { baseUrl: 'https://app.plaza.example' });
      seed.shared.set('payfi.openLink', openLink);
      seed.note(`PayFi: an open payment link (anyone can pay it for 30 days): ${openLink}`);
    },
  },
  {
    id: 'payfi.escrow',
    module: 'payments',
    title: 'Escrow at the grocer: authorized, captured by its terminal, partly refunded, the rest voided',
    contracts: ['PaymentProcessor'],
    async run(seed) {
      const grocer = seed.account('grocer').address;
      const alice = seed.plaza('alice');
      const basket = await alice.payments.createPayment({
        merchant: grocer,
        amount: parsePusd('180'),
        orderRef: 'BASKET-310',
        mode: 'escrow',
      });
      await mined(seed.plaza('relayer').payments.submitPayment(await alice.payments.signPayment(basket)));
      await mined(seed.plaza('relayer').payments.capture({ payment: basket, amount: parsePusd('150') })); // the operator
      await mined(seed.plaza('grocer').payments.refund({ payment: basket, amount: parsePusd('20') }));
      await mined(seed.plaza('grocer').payments.void({ payment: basket }));
      const bob = seed.plaza('bob');
      const order: PaymentInfo = await bob.payments.createPayment({
        merchant: grocer,
        amount: parsePusd('60'),
        orderRef: 'BASKET-311',
        mode: 'escrow',
      });
      await mined(seed.plaza('relayer').payments.submitPayment(await bob.payments.signPayment(order)));
      await mined(seed.plaza('grocer').payments.capture({ payment: order }));
      const balances = await bob.payments.merchantBalances(grocer);
      seed.note(
        `PayFi: Alice's 180 pUSD basket at the grocer: 150 captured, 20 refunded, 30 voided; with Bob's 60 pUSD order the grocer holds ${pusd(balances.pending)} in escrow until its refund window ends`,
      );
    },
  },
  {
    id: 'payfi.points',
    module: 'points',
    title: 'Loyalty points: earned at the cafe, a reserve funded, points redeemed',
    contracts: ['PaymentProcessor'],
    async run(seed) {
      const cafe = seed.account('cafe').address;
      await fundPusd(seed, 'cafe', parsePusd('10'));
      await (
        await seed.plaza('cafe').points.fundReserve({ merchant: cafe, amount: parsePusd('10') })
      ).fund.wait();
      const alice = seed.plaza('alice');
      const earned = await alice.points.balanceOf(cafe, seed.account('alice').address);
      const program = await alice.points.program(cafe);
      const redeemed = await mined(alice.points.redeem({ merchant: cafe, points: parsePusd('5') }));
      seed.note(
        `Points: Alice earned ${pusd(earned).replace('pUSD', 'BEAN')} at the cafe and redeemed 5 BEAN for ${pusd(redeemed.result, 4)} from its ${pusd(program.reserve)} reserve`,
      );
    },
  },
  {
    id: 'payfi.advances',
    module: 'advances',
    title: 'AdvancePool: Carol deposits, the grocer draws an advance on its escrowed sales',
    contracts: ['AdvancePool', 'PaymentProcessor'],
    async run(seed) {
      const carol = seed.plaza('carol');
      await (await carol.advances.deposit({ assets: parsePusd('20000') })).deposit.wait();
      const grocer = seed.plaza('grocer');
      const credit = await grocer.advances.credit(seed.account('grocer').address);
      const amount = parsePusd('100') < credit.available ? parsePusd('100') : credit.available;
      const advance = await mined(grocer.advances.advance({ amount }));
      const pool = await carol.advances.state();
      seed.note(
        `Advances: Carol deposited 20,000 pUSD; the grocer (credit score ${credit.creditScore}, ${credit.rateBps / 100}% of ${pusd(credit.held)} held) drew ${pusd(amount)} and received ${pusd(advance.result)}; the pool has ${pusd(pool.outstanding)} outstanding`,
      );
    },
  },
];
