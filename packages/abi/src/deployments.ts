import type { AddressBook } from './addressBook.js';

/**
 * Deployments of Plaza on public networks, one JSON file per chain id under `deployments/`, added here
 * when a deployment is made. Local chains (the devnet) write their own file and load it with
 * `parseDeployment` instead.
 */
export const addressBook: AddressBook = {};
