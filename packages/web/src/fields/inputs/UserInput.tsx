// User fields: pick base members (one, or several when `meta.is_multi`). The value is the
// list of `{id, email, display_name}` objects the API reads and writes. Public forms, which
// cannot list members, take e-mail addresses instead.
import { useEffect, useState } from 'react';
import { ChoicePicker } from '../ChoicePicker.tsx';
import type { FieldInputProps } from '../field-input-props.ts';
import { baseIdOf, metaFlag } from '../field-kinds.ts';
import { type BaseMember, baseMembers } from '../fields-api.ts';
import { userLabel, usersOf } from '../format-value.ts';
import { TextInput } from './TextInput.tsx';

export function UserInput(props: FieldInputProps) {
  const { field, value, onChange, anonymous } = props;
  const multi = metaFlag(field, 'is_multi');
  const [members, setMembers] = useState<BaseMember[] | undefined>();
  const [failed, setFailed] = useState<string | undefined>();
  const baseId = baseIdOf(field);

  useEffect(() => {
    if (anonymous || !baseId) return;
    let live = true;
    baseMembers(baseId).then(
      (list) => live && setMembers(list),
      (error: Error) => live && setFailed(error.message),
    );
    return () => {
      live = false;
    };
  }, [anonymous, baseId]);

  if (anonymous || !baseId) {
    const emails = usersOf(value)
      .map((u) => u.email)
      .join(', ');
    return (
      <TextInput
        {...props}
        field={{ ...field, uidt: 'SingleLineText' }}
        value={typeof value === 'string' ? value : emails}
        onChange={(text) => onChange(text)}
      />
    );
  }
  const current = usersOf(value);
  const known = new Map<string, { id: string; email: string | null; display_name: string | null }>();
  for (const user of current)
    if (typeof user.id === 'string')
      known.set(user.id, {
        id: user.id,
        email: typeof user.email === 'string' ? user.email : null,
        display_name: typeof user.display_name === 'string' ? user.display_name : null,
      });
  for (const member of members ?? []) known.set(member.id, member);
  const toValue = (ids: string[]) => {
    const kept = multi ? ids : ids.slice(-1);
    return kept.length ? kept.map((id) => known.get(id) ?? { id }) : null;
  };
  return (
    <div className="field-input-stack">
      <ChoicePicker
        choices={[...known.values()].map((user) => ({
          key: user.id,
          label: userLabel(user),
          hint: user.display_name ? (user.email ?? undefined) : undefined,
        }))}
        selected={current.map((u) => String(u.id))}
        multi={multi}
        loading={!members && !failed}
        onChange={(ids) => onChange(toValue(ids))}
        onCommit={props.onCommit ? (ids) => props.onCommit?.(toValue(ids)) : undefined}
        onCancel={props.onCancel}
        autoFocus={props.autoFocus}
        disabled={props.disabled}
        invalid={props.invalid}
        placeholder={multi ? 'Choose people…' : 'Choose a person…'}
        testId={`input-${field.title}`}
      />
      {failed && <div className="field-error">{failed}</div>}
    </div>
  );
}
