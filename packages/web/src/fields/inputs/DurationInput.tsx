// Duration: typed as h:mm or h:mm:ss (or a number of seconds), stored as seconds.
import { useCallback } from 'react';
import type { FieldInputProps } from '../field-input-props.ts';
import { metaNumber } from '../field-kinds.ts';
import { durationFormats, formatDuration, parseDuration } from '../format-date.ts';
import { ParsedTextInput } from './ParsedTextInput.tsx';

export function DurationInput(props: FieldInputProps) {
  const formatIndex = metaNumber(props.field, 'duration', 0);
  // Editing shows seconds even when the field displays h:mm, so nothing is lost on save.
  const shownIndex = Math.max(1, formatIndex);
  const format = useCallback(
    (value: unknown) => (typeof value === 'number' ? formatDuration(value, shownIndex) : String(value)),
    [shownIndex],
  );
  return (
    <ParsedTextInput
      {...props}
      parse={parseDuration}
      format={format}
      placeholder={durationFormats[shownIndex] ?? 'h:mm:ss'}
      problem="Enter a duration as h:mm or h:mm:ss"
    />
  );
}
