export * from './field-kinds.ts';
export * from './field-registry.ts';
export * from './field-type.ts';
export {
  defaultOptionColor,
  selectOptionPalette,
  validateSelectOptionTitle,
} from './shared/select-options.ts';
export { describeValue } from './shared/values.ts';
export { durationFormats } from './types/duration-field.ts';
export { MAX_RATING } from './types/rating-field.ts';
export { allowedUrlSchemes } from './types/url-field.ts';
