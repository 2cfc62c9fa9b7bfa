// Number, Decimal, Currency and Percent: numeric text with the currency symbol or % beside it.
import { useCallback } from 'react';
import type { FieldInputProps } from '../field-input-props.ts';
import { currencySymbol, plainNumber } from '../format-number.ts';
import { ParsedTextInput } from './ParsedTextInput.tsx';
import { parseNumberText } from './text-checks.ts';

export function NumberInput(props: FieldInputProps) {
  const whole = props.field.uidt === 'Number';
  const parse = useCallback((text: string) => parseNumberText(text, whole), [whole]);
  const format = useCallback(
    (value: unknown) => (typeof value === 'number' ? plainNumber(value) : String(value)),
    [],
  );
  return (
    <ParsedTextInput
      {...props}
      parse={parse}
      format={format}
      problem={whole ? 'Enter a whole number' : 'Enter a number'}
      prefix={props.field.uidt === 'Currency' ? currencySymbol(props.field) : undefined}
      suffix={props.field.uidt === 'Percent' ? '%' : undefined}
    />
  );
}
