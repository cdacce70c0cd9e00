// Label selectors and label syntax: parse once, match cheaply, print as Kubernetes prints.

export { LabelSelectorError } from './errors.js';
export { parseLabelSelector } from './parser.js';
export {
  newRequirement,
  parseInt64,
  Requirement,
  BINARY_OPERATORS,
  UNARY_OPERATORS,
  type Labels,
  type Operator,
} from './requirement.js';
export { LabelSelector, labelsContain, selectorFromSet, validatedSelectorFromSet } from './selector.js';
export {
  selectorFromObject,
  validateLabelSelector,
  validateLabelSelectorRequirement,
  type LabelSelectorObject,
  type LabelSelectorOperator,
  type LabelSelectorRequirementObject,
  type LabelSelectorValidationOptions,
} from './label-selector-object.js';
export {
  DNS1123_LABEL_MAX_LENGTH,
  DNS1123_SUBDOMAIN_MAX_LENGTH,
  LABEL_NAME_MAX_LENGTH,
  LABEL_VALUE_MAX_LENGTH,
  emptyError,
  isDNS1123Label,
  isDNS1123Subdomain,
  isQualifiedName,
  isValidLabelKey,
  isValidLabelValue,
  maxLenError,
  regexError,
  validateLabelName,
  validateLabels,
} from './validation.js';
export { goAggregate, goQuote, goStringSlice } from './go-format.js';
