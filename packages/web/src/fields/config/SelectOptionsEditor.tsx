// The options of a select field: rename in place, reorder with the arrow buttons, pick a
// colour from the palette (or any colour), delete, and add new ones.
import { useEffect, useRef, useState } from 'react';
import { optionPalette, paletteColor, textColorOn } from '../select-colors.ts';
import { newOptionKey, type OptionDraft } from './field-draft.ts';

function ColorPicker({ color, onChange }: { color: string; onChange(color: string): void }) {
  const [open, setOpen] = useState(false);
  return (
    <div className="color-picker">
      <button
        type="button"
        className="color-swatch"
        style={{ background: color }}
        aria-label="Choose a colour"
        aria-expanded={open}
        onClick={() => setOpen((o) => !o)}
      />
      {open && (
        <div className="color-popover" role="dialog" aria-label="Colours">
          {optionPalette.map((swatch) => (
            <button
              key={swatch}
              type="button"
              className={swatch === color ? 'color-swatch selected' : 'color-swatch'}
              style={{ background: swatch }}
              aria-label={swatch}
              onClick={() => {
                onChange(swatch);
                setOpen(false);
              }}
            />
          ))}
          <input
            type="color"
            className="color-custom"
            aria-label="Any colour"
            value={/^#[0-9a-f]{6}$/i.test(color) ? color : '#e9e9e9'}
            onChange={(event) => onChange(event.target.value)}
          />
        </div>
      )}
    </div>
  );
}

export function SelectOptionsEditor({
  options,
  onChange,
}: {
  options: readonly OptionDraft[];
  onChange(options: OptionDraft[]): void;
}) {
  const update = (index: number, change: Partial<OptionDraft>) =>
    onChange(options.map((o, i) => (i === index ? { ...o, ...change } : o)));
  const move = (index: number, by: number) => {
    const next = [...options];
    const [item] = next.splice(index, 1);
    if (item) next.splice(index + by, 0, item);
    onChange(next);
  };
  const titles = options.map((o) => o.title.trim());
  const list = useRef<HTMLDivElement>(null);
  const focusNew = useRef(false);
  // A new option's name box takes the keyboard.
  useEffect(() => {
    if (!focusNew.current) return;
    focusNew.current = false;
    const inputs = list.current?.querySelectorAll<HTMLInputElement>('.select-option-row .input');
    inputs?.[inputs.length - 1]?.focus();
  });
  return (
    <div className="select-options-editor" data-testid="select-options" ref={list}>
      {options.map((option, index) => {
        const title = option.title.trim();
        const duplicate = title !== '' && titles.indexOf(title) !== index;
        const problem = title.includes(',') ? 'No commas' : duplicate ? 'Listed twice' : undefined;
        return (
          <div key={option.key} className="select-option-row">
            <ColorPicker color={option.color} onChange={(color) => update(index, { color })} />
            <input
              className="input"
              value={option.title}
              placeholder="Option name"
              aria-label={`Option ${index + 1}`}
              aria-invalid={Boolean(problem) || undefined}
              data-testid={`option-title-${index}`}
              style={{ background: option.color, color: textColorOn(option.color) }}
              onChange={(event) => update(index, { title: event.target.value })}
            />
            {problem && <span className="field-error">{problem}</span>}
            <button
              type="button"
              className="icon-button"
              aria-label="Move up"
              disabled={index === 0}
              onClick={() => move(index, -1)}
            >
              ↑
            </button>
            <button
              type="button"
              className="icon-button"
              aria-label="Move down"
              disabled={index === options.length - 1}
              onClick={() => move(index, 1)}
            >
              ↓
            </button>
            <button
              type="button"
              className="icon-button"
              aria-label={`Delete option ${option.title}`}
              data-testid={`option-delete-${index}`}
              onClick={() => onChange(options.filter((_, i) => i !== index))}
            >
              ×
            </button>
          </div>
        );
      })}
      <button
        type="button"
        className="button button-small button-ghost"
        data-testid="option-add"
        onClick={() =>
          onChange([...options, { key: newOptionKey(), title: '', color: paletteColor(options.length) }])
        }
      >
        + Add option
      </button>
    </div>
  );
}
