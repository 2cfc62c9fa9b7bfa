// Search: a field and a text, turned into the grid's extra `where` 250 ms after the last key
// (not saved in the view). `/` or Ctrl/Cmd+F focuses it, unless the user is typing elsewhere.
import { useEffect, useRef, useState } from 'react';
import type { Field } from '../../../api/types.ts';
import { isSearchable } from './filter-kinds.ts';
import { searchConditions } from './search-conditions.ts';
import { whereText } from './where-text.ts';

const searchDelayMs = 250;

export interface SearchBoxProps {
  readonly fields: readonly Field[];
  onSearch(where: string | undefined): void;
}

function typingSomewhere(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target.closest('#portal')) return true;
  const tag = target.tagName;
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT';
}

export function SearchBox({ fields, onSearch }: SearchBoxProps) {
  const searchable = fields.filter(isSearchable);
  const [fieldId, setFieldId] = useState(() => (searchable.find((f) => f.pv) ?? searchable[0])?.id ?? '');
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const field = searchable.find((f) => f.id === fieldId) ?? searchable[0];
  const searchRef = useRef(onSearch);
  searchRef.current = onSearch;
  const applied = useRef<string | undefined>(undefined);

  useEffect(() => {
    const timer = setTimeout(() => {
      const result = field ? searchConditions(field, text) : { conditions: [] };
      const conditions = 'conditions' in result ? result.conditions : [];
      setProblem('problem' in result ? result.problem : null);
      const where = whereText(conditions);
      if (where === applied.current) return;
      applied.current = where;
      searchRef.current(where);
    }, searchDelayMs);
    return () => clearTimeout(timer);
  }, [field, text]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || typingSomewhere(event.target)) return;
      const slash = event.key === '/' && !event.ctrlKey && !event.metaKey && !event.altKey;
      const find = event.key.toLowerCase() === 'f' && (event.ctrlKey || event.metaKey) && !event.altKey;
      if (!slash && !find) return;
      event.preventDefault();
      input.current?.focus();
      input.current?.select();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <div className="search-box" data-testid="search-box">
      <select
        className="select search-field"
        aria-label="Search in field"
        data-testid="search-field"
        value={field?.id ?? ''}
        onChange={(e) => setFieldId(e.target.value)}
      >
        {searchable.map((f) => (
          <option key={f.id} value={f.id}>
            {f.title}
          </option>
        ))}
      </select>
      <input
        ref={input}
        className="input search-input"
        type="search"
        placeholder="Search…"
        aria-label="Search"
        aria-invalid={problem !== null}
        title={problem ?? 'Search (/ or Ctrl+F)'}
        data-testid="search-input"
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            setText('');
            input.current?.blur();
          }
        }}
      />
      {problem && (
        <span className="field-error search-problem" data-testid="search-problem">
          {problem}
        </span>
      )}
    </div>
  );
}
