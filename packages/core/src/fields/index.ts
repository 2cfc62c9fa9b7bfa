export * from './field-kinds.ts';
export * from './field-registry.ts';
export * from './field-type.ts';
export * from './field-value-kind.ts';
export * from './shared/attachment-paths.ts';
export { MAX_LINKED_IDS } from './shared/link-values.ts';
export {
  defaultOptionColor,
  selectOptionPalette,
  validateSelectOptionTitle,
} from './shared/select-options.ts';
export { isUserEmailRef, splitUserRefs } from './shared/user-refs.ts';
export { describeValue } from './shared/values.ts';
export { MAX_ATTACHMENTS_PER_CELL } from './types/attachment-field.ts';
export { durationFormats } from './types/duration-field.ts';
export { MAX_RATING } from './types/rating-field.ts';
export { allowedUrlSchemes } from './types/url-field.ts';
