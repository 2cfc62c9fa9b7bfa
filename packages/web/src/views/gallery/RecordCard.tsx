// One record as a card: an optional cover image, the record's title and its shown fields.
// Gallery tiles and kanban cards both draw it; kanban wraps it to make it draggable.
import type { HTMLAttributes, Ref } from 'react';
import type { Field, RecordRow } from '../../api/types.ts';
import { FieldValueView } from '../../fields/FieldValueView.tsx';
import { coverUrlOf, isEmptyValue, recordTitleOf } from './card-fields.ts';
import './cards.css';

export interface RecordCardProps extends Omit<HTMLAttributes<HTMLDivElement>, 'onClick'> {
  readonly allFields: readonly Field[];
  readonly record: RecordRow;
  /** The fields listed under the title. */
  readonly fields: readonly Field[];
  /** The Attachment field giving the cover; absent for no cover area at all. */
  readonly coverField?: Field | undefined;
  onOpen?(id: number): void;
  readonly cardRef?: Ref<HTMLDivElement>;
}

export function RecordCard({
  allFields,
  record,
  fields,
  coverField,
  onOpen,
  cardRef,
  className,
  onKeyDown,
  ...rest
}: RecordCardProps) {
  const id = Number(record.Id);
  const cover = coverUrlOf(record, coverField);
  const open = () => onOpen?.(id);
  return (
    // biome-ignore lint/a11y/useSemanticElements: a card holds links and blocks, which a <button> may not
    <div
      ref={cardRef}
      role="button"
      tabIndex={0}
      className={`record-card card ${className ?? ''}`}
      data-testid="record-card"
      data-record-id={id}
      {...rest}
      onClick={open}
      onKeyDown={(event) => {
        onKeyDown?.(event);
        if (event.key === 'Enter' && !event.defaultPrevented && event.target === event.currentTarget) open();
      }}
    >
      {coverField && (
        <div className="record-card-cover">
          {cover ? (
            <img src={cover} alt="" loading="lazy" draggable={false} />
          ) : (
            <span aria-hidden="true">▧</span>
          )}
        </div>
      )}
      <div className="record-card-body">
        <div className="record-card-title">{recordTitleOf(allFields, record)}</div>
        {fields.map((field) =>
          isEmptyValue(record[field.title]) ? null : (
            <div key={field.id} className="record-card-field">
              <span className="record-card-label">{field.title}</span>
              <span className="record-card-value">
                <FieldValueView field={field} value={record[field.title]} />
              </span>
            </div>
          ),
        )}
      </div>
    </div>
  );
}
