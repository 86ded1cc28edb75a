export * from './generated/abis.js';
export {
  AddressBookError,
  getDeployedContract,
  getDeployment,
  parseDeployment,
  type AddressBook,
  type DeployedContract,
  type Deployment,
} from './addressBook.js';
export { addressBook } from './deployments.js';
