// SingleSelect and MultiSelect: pick options by searching, as coloured chips. A typed option
// that does not exist can be added to the field (through the field API) when the user may.
// Values go out as the API reads them: the title (single) or comma-joined titles (multi).
import { useState } from 'react';
import type { SelectOption } from '../api/types.ts';
import { showToast } from '../ui/toasts.tsx';
import { ChoicePicker } from './ChoicePicker.tsx';
import type { FieldInputProps } from './field-input-props.ts';
import { addSelectOption } from './fields-api.ts';
import { selectedTitles, selectOptionsOf } from './select-colors.ts';

export function SelectInput(props: FieldInputProps) {
  const { field, value, onChange, onCommit, onCancel, anonymous, onTableChanged } = props;
  const multi = field.uidt === 'MultiSelect';
  const [added, setAdded] = useState<SelectOption[]>([]);
  const options = [
    ...selectOptionsOf(field),
    ...added.filter((a) => !selectOptionsOf(field).some((o) => o.title === a.title)),
  ];
  const canAdd = props.canAddOptions ?? !anonymous;
  const toValue = (titles: string[]) => (titles.length === 0 ? null : multi ? titles.join(',') : titles[0]);
  const selected = selectedTitles(value);

  const create = async (title: string) => {
    if (title.includes(',')) {
      showToast('An option cannot contain a comma.', 'error');
      return;
    }
    try {
      const table = await addSelectOption(field.id, title);
      const option = table.columns
        ?.find((f) => f.id === field.id)
        ?.colOptions?.options?.find((o) => o.title === title);
      setAdded((list) => [...list, option ?? { title }]);
      onTableChanged?.(table);
      const next = multi ? [...selected, title] : [title];
      onChange(toValue(next));
      if (!multi) onCommit?.(toValue(next));
    } catch (error) {
      showToast((error as Error).message, 'error');
    }
  };

  return (
    <ChoicePicker
      choices={options.map((o) => ({ key: o.title, label: o.title, color: o.color ?? undefined }))}
      selected={selected}
      multi={multi}
      onChange={(titles) => onChange(toValue(titles))}
      onCommit={onCommit ? (titles) => onCommit(toValue(titles)) : undefined}
      onCancel={onCancel}
      onCreate={canAdd ? create : undefined}
      autoFocus={props.autoFocus}
      disabled={props.disabled}
      invalid={props.invalid}
      placeholder={multi ? 'Choose options…' : 'Choose an option…'}
      testId={`input-${field.title}`}
    />
  );
}
