// The one place a module is registered: its factory (plaza.<name>) and its error tables. See CONTRIBUTING.md.
import { complianceErrors, createComplianceModule } from './compliance/index.js';
import type { PlazaContext } from './core/context.js';
import type { ErrorTable } from './core/errors.js';
import { createFeesModule, feesErrors } from './fees/index.js';
import { createIncentivesModule, incentivesErrors } from './incentives/index.js';
import { createLendingModule, lendingErrors, rateModelErrors, savingsErrors } from './lending/index.js';
import { createOracleModule, navFeedAdapterErrors, oracleErrors } from './oracle/index.js';
import {
  advancePoolErrors,
  createAdvancesModule,
  createMerchantsModule,
  createPaymentsModule,
  createPointsModule,
  loyaltyPointsErrors,
  merchantRegistryErrors,
  paymentProcessorErrors,
} from './payfi/index.js';
import { createPsmModule, psmErrors } from './psm/index.js';
import { createPusdModule, pusdErrors } from './pusd/index.js';
import { createRwaModule, rwaErrors } from './rwa/index.js';
import { createSavingsModule } from './savings/index.js';
import { createUsdcModule, usdcErrors } from './usdc/index.js';

/**
 * Every module of the client, by the name it has on it (`plaza.psm`, …), as its factory.
 *
 * @example
 * ```ts
 * import { plazaModules } from '@plaza/sdk';
 * Object.keys(plazaModules); // ['pusd', 'usdc', 'psm', 'compliance', 'fees', 'oracle', 'rwa', …]
 * ```
 */
export const plazaModules = {
  pusd: createPusdModule,
  usdc: createUsdcModule,
  psm: createPsmModule,
  compliance: createComplianceModule,
  fees: createFeesModule,
  oracle: createOracleModule,
  rwa: createRwaModule,
  lending: createLendingModule,
  savings: createSavingsModule,
  payments: createPaymentsModule,
  merchants: createMerchantsModule,
  points: createPointsModule,
  advances: createAdvancesModule,
  incentives: createIncentivesModule,
} as const satisfies Record<string, (ctx: PlazaContext) => unknown>;

/**
 * The modules of a client, by name.
 *
 * @example
 * ```ts
 * import type { PlazaModules } from '@plaza/sdk';
 * const swap = (psm: PlazaModules['psm']) => psm.quoteSellGem(1_000000n);
 * ```
 */
export type PlazaModules = {
  readonly [name in keyof typeof plazaModules]: ReturnType<(typeof plazaModules)[name]>;
};

/**
 * Every contract's error table: reverts are decoded against all of them (they bubble up through calls).
 *
 * @example
 * ```ts
 * import { decodeError, plazaErrorTables } from '@plaza/sdk';
 * const error = decodeError(thrown, { tables: plazaErrorTables, contract: 'PlazaUSD' });
 * ```
 */
export const plazaErrorTables: readonly ErrorTable[] = [
  pusdErrors,
  psmErrors,
  complianceErrors,
  feesErrors,
  oracleErrors,
  navFeedAdapterErrors,
  rwaErrors,
  lendingErrors,
  rateModelErrors,
  savingsErrors,
  paymentProcessorErrors,
  merchantRegistryErrors,
  loyaltyPointsErrors,
  advancePoolErrors,
  incentivesErrors,
  usdcErrors,
  { ...usdcErrors, contract: 'USDC' },
];
