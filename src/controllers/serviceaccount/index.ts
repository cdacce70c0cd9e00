// The ServiceAccounts controller: the `default` ServiceAccount in every active namespace
// (serviceaccounts-controller.ts has the contract).

export {
  DEFAULT_SERVICE_ACCOUNTS,
  SERVICE_ACCOUNT_CONTROLLER,
  ServiceAccountsController,
  newServiceAccountsController,
  serviceAccountsControllerFactory,
  type ServiceAccountsControllerOptions,
} from './serviceaccounts-controller.js';
