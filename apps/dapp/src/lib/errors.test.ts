import { pegStabilityModuleAbi } from '@plaza/abi';
import { PlazaError, decodeRevertData, plazaErrorTables, psmErrorMessages } from '@plaza/sdk';
import { UserRejectedRequestError, encodeErrorResult } from 'viem';
import { describe, expect, it } from 'vitest';
import { REJECTED_MESSAGE, describeFailure, providerErrorCode } from './errors';

describe('describeFailure', () => {
  it('shows a contract custom error with the SDK’s human message', () => {
    const account = '0x976EA74026E726554dB657fA54763abd0C3a0aa9';
    const data = encodeErrorResult({
      abi: pegStabilityModuleAbi,
      errorName: 'AccountBlocked',
      args: [account],
    });
    const error = decodeRevertData(data, {
      tables: plazaErrorTables,
      contract: 'PegStabilityModule',
      functionName: 'sellGem',
    });
    const failure = describeFailure(error);
    expect(failure).toEqual({
      kind: 'contract',
      errorName: 'AccountBlocked',
      message: psmErrorMessages.AccountBlocked(
        { account },
        { contract: 'PegStabilityModule', amount: String },
      ),
    });
    expect(failure.message).toBe(
      `${account} is on pUSD's sanctions blocklist: the PSM will not swap with it.`,
    );
  });

  it('names a wallet rejection as such, however it arrives', () => {
    const sdk = new PlazaError('rejected', { code: 'UserRejected' });
    const viem = new UserRejectedRequestError(new Error('User rejected the request.'));
    const raw = Object.assign(new Error('User rejected the request.'), { code: 4001 });
    const nested = new Error('wrapped', { cause: raw });
    const mobile = Object.assign(new Error('x'), { data: { originalError: { code: 4001 } } });
    for (const error of [sdk, viem, raw, nested, mobile]) {
      expect(describeFailure(error)).toEqual({ kind: 'rejected', message: REJECTED_MESSAGE });
    }
  });

  it('keeps other failures short and readable', () => {
    expect(describeFailure(new PlazaError('Invalid gemAmount: …', { code: 'InvalidInput' }))).toEqual({
      kind: 'input',
      message: 'Invalid gemAmount: …',
    });
    expect(describeFailure(new PlazaError('x failed: fetch failed', { code: 'Rpc' })).kind).toBe('network');
    expect(describeFailure(new Error('first line\nstack junk'))).toEqual({
      kind: 'unknown',
      message: 'first line',
    });
    expect(describeFailure('plain')).toEqual({ kind: 'unknown', message: 'plain' });
    expect(describeFailure(42)).toEqual({ kind: 'unknown', message: 'Something went wrong.' });
  });
});

describe('providerErrorCode', () => {
  it('finds the EIP-1193 code on the error, in its causes, or in data.originalError', () => {
    expect(providerErrorCode({ code: 4902 })).toBe(4902);
    expect(providerErrorCode(new Error('a', { cause: { code: 4902 } }))).toBe(4902);
    expect(providerErrorCode({ data: { originalError: { code: 4902 } } })).toBe(4902);
    expect(providerErrorCode(new Error('none'))).toBeUndefined();
    expect(providerErrorCode(undefined)).toBeUndefined();
  });
});
