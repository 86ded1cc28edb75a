import { describe, expect, it } from 'vitest';
import { AddressBookError, getDeployedContract, getDeployment, parseDeployment } from '../src/addressBook.js';

const file = {
  chainId: 31337,
  network: 'anvil',
  contracts: { PlazaUSD: { address: '0x5fbdb2315678afecb367f032d93f642f64180aa3', block: 3 } },
};

describe('address book', () => {
  it('parses a deployment and checksums its addresses', () => {
    const deployment = parseDeployment(file);
    expect(getDeployedContract(deployment, 'PlazaUSD')).toEqual({
      address: '0x5FbDB2315678afecb367f032d93F642f64180aa3',
      block: 3,
    });
    expect(getDeployment({ 31337: deployment }, 31337)).toBe(deployment);
  });

  it.each([
    [null, 'expected a JSON object'],
    [{ ...file, chainId: 0 }, '"chainId" must be a positive integer'],
    [{ ...file, network: '' }, '"network" must be a non-empty string'],
    [{ ...file, contracts: [] }, '"contracts" must be an object'],
    [
      { ...file, contracts: { PlazaUSD: { address: '0x1234', block: 1 } } },
      'contract "PlazaUSD" needs an "address"',
    ],
    [
      { ...file, contracts: { PlazaUSD: { address: file.contracts.PlazaUSD.address, block: -1 } } },
      'contract "PlazaUSD" needs a "block"',
    ],
  ])('rejects a malformed file: %j', (json, message) => {
    expect(() => parseDeployment(json, '31337.json')).toThrow(AddressBookError);
    expect(() => parseDeployment(json, '31337.json')).toThrow(`31337.json: ${message}`);
  });

  it('names what it knows when a chain or contract is missing', () => {
    const deployment = parseDeployment(file);
    expect(() => getDeployment({ 31337: deployment }, 1)).toThrow(
      'Plaza is not deployed on chain 1 in this address book (known chains: 31337).',
    );
    expect(() => getDeployedContract(deployment, 'LendingHub')).toThrow(
      'No contract "LendingHub" in the anvil deployment (chain 31337); it has: PlazaUSD.',
    );
  });
});
