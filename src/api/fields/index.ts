// Field selectors: parse once, match through a getter, print as Kubernetes prints.

export {
  escapeFieldValue,
  FieldSelector,
  FieldSelectorError,
  parseFieldSelector,
  unescapeFieldValue,
  type FieldGetter,
  type FieldOperator,
  type FieldRequirement,
  type FieldTransform,
} from './selector.js';
