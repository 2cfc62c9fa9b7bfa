// The DOM editor for one field's value: picks the editor of the field's type. Computed and
// server-kept fields are shown read-only. Works inside glide's overlay editor (which sizes
// to the cell and grows with its content) and in forms and the record panel.
import type { FieldType } from '../api/types.ts';
import { AttachmentInput } from './AttachmentInput.tsx';
import { FieldValueView } from './FieldValueView.tsx';
import type { FieldInputProps } from './field-input-props.ts';
import { isEditable } from './field-kinds.ts';
import { CheckboxInput } from './inputs/CheckboxInput.tsx';
import { DateInput } from './inputs/DateInputs.tsx';
import { DurationInput } from './inputs/DurationInput.tsx';
import { JsonInput } from './inputs/JsonInput.tsx';
import { LongTextInput } from './inputs/LongTextInput.tsx';
import { NumberInput } from './inputs/NumberInput.tsx';
import { RatingInput } from './inputs/RatingInput.tsx';
import { TextInput } from './inputs/TextInput.tsx';
import { UserInput } from './inputs/UserInput.tsx';
import { LinkPicker } from './LinkPicker.tsx';
import { SelectInput } from './SelectInput.tsx';
import './fields.css';

export type { FieldInputProps } from './field-input-props.ts';

const editors: Partial<Record<FieldType, (props: FieldInputProps) => React.ReactNode>> = {
  SingleLineText: TextInput,
  Email: TextInput,
  URL: TextInput,
  PhoneNumber: TextInput,
  LongText: LongTextInput,
  Number: NumberInput,
  Decimal: NumberInput,
  Currency: NumberInput,
  Percent: NumberInput,
  Duration: DurationInput,
  Rating: RatingInput,
  Checkbox: CheckboxInput,
  SingleSelect: SelectInput,
  MultiSelect: SelectInput,
  Date: DateInput,
  DateTime: DateInput,
  Time: DateInput,
  JSON: JsonInput,
  User: UserInput,
  Attachment: AttachmentInput,
  Links: LinkPicker,
  LinkToAnotherRecord: LinkPicker,
};

export function FieldInput(props: FieldInputProps) {
  const Editor = isEditable(props.field) ? editors[props.field.uidt] : undefined;
  if (!Editor)
    return (
      <div className="field-readonly" data-testid={`input-${props.field.title}`}>
        <FieldValueView field={props.field} value={props.value} />
      </div>
    );
  return (
    <div className={`field-input field-input-${props.field.uidt}`}>
      <Editor {...props} />
    </div>
  );
}
