/**
 * Named limits of the `where` language. They bound the work one request can cause (parse
 * time, SQL size, number of bound parameters); exceeding one is ERR_INVALID_FILTER.
 */

/** Longest filter text, in UTF-16 code units, counting all `where` parameters of one request together. */
export const MAX_FILTER_LENGTH = 10_000;

/** Most conditions `(field,op,value)` in one request (all `where` parameters together). */
export const MAX_FILTER_CONDITIONS = 200;

/** Deepest nesting of parenthesised groups; the top level is depth 0. */
export const MAX_FILTER_DEPTH = 16;

/** Most items in one list operand (`in`, `anyof`, `allof`, `nanyof`, `nallof`). */
export const MAX_FILTER_LIST_ITEMS = 1000;
