// rbac.authorization.k8s.io/v1 defaults, as Kubernetes 1.32 fills them: a binding's roleRef
// is in the RBAC group unless it names one, and a subject without an apiGroup gets the one its
// kind implies — "" for a ServiceAccount, the RBAC group for a User or Group (other kinds are
// left for validation).

import { defaultString, emptyString, items, pointer, str, type Obj } from './values.js';

const RBAC_GROUP = 'rbac.authorization.k8s.io';

const SUBJECT_GROUPS: Readonly<Record<string, string>> = { ServiceAccount: '', User: RBAC_GROUP, Group: RBAC_GROUP };

function defaultBinding(binding: Obj): void {
  const roleRef = pointer(binding, 'roleRef');
  if (roleRef) defaultString(roleRef, 'apiGroup', RBAC_GROUP);
  for (const subject of items(binding, 'subjects')) {
    const group = SUBJECT_GROUPS[str(subject, 'kind')];
    if (group !== undefined && emptyString(subject.apiGroup)) {
      // A ServiceAccount's group is "", which Go does not write.
      if (group === '') delete subject.apiGroup;
      else subject.apiGroup = group;
    }
  }
}

export const RBAC_DEFAULTERS: Readonly<Record<string, (obj: Obj) => void>> = {
  RoleBinding: defaultBinding,
  ClusterRoleBinding: defaultBinding,
};
