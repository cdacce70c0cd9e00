// rbac.authorization.k8s.io/v1: roles, clusterroles and their bindings, as Kubernetes 1.32
// serves them. Roles have no printer there, so they get the default NAME / CREATED AT table.

import type { ResourceDef } from '../resource.js';
import { CLUSTERROLEBINDING_TABLE, ROLEBINDING_TABLE } from '../printers/rbac/binding.js';
import { CREATED_AT_TABLE, resource } from './common.js';

const group = 'rbac.authorization.k8s.io';
const versions = ['v1'];

export const RBAC_RESOURCES: readonly ResourceDef[] = [
  resource({
    group,
    versions,
    kind: 'Role',
    plural: 'roles',
    singular: 'role',
    namespaced: true,
    table: CREATED_AT_TABLE,
  }),
  resource({
    group,
    versions,
    kind: 'RoleBinding',
    plural: 'rolebindings',
    singular: 'rolebinding',
    namespaced: true,
    table: ROLEBINDING_TABLE,
  }),
  resource({
    group,
    versions,
    kind: 'ClusterRole',
    plural: 'clusterroles',
    singular: 'clusterrole',
    namespaced: false,
    table: CREATED_AT_TABLE,
  }),
  resource({
    group,
    versions,
    kind: 'ClusterRoleBinding',
    plural: 'clusterrolebindings',
    singular: 'clusterrolebinding',
    namespaced: false,
    table: CLUSTERROLEBINDING_TABLE,
  }),
];
