// Read-only rendering of a value: select chips in their option colours, a checkbox tick,
// rating stars, attachment thumbnails, linked-record chips, links for URLs, e-mails and
// phone numbers, long text with its line breaks, JSON in mono.
import type { ReactNode } from 'react';
import type { AttachmentValue, Field } from '../api/types.ts';
import { metaFlag, metaNumber, metaText } from './field-kinds.ts';
import {
  attachmentsOf,
  describeItem,
  formatValue,
  linkCountText,
  linkedRecordsOf,
  linkLabel,
  userLabel,
  usersOf,
} from './format-value.ts';
import { optionColor, selectedTitles, textColorOn } from './select-colors.ts';
import './fields.css';

export function OptionChip({ field, title }: { field: Pick<Field, 'colOptions'>; title: string }) {
  const background = optionColor(field, title);
  return (
    <span className="chip option-chip" style={{ background, color: textColorOn(background) }} title={title}>
      {title}
    </span>
  );
}

export function RatingStars({ field, value }: { field: Field; value: number }) {
  const max = Math.max(1, Math.min(10, metaNumber(field, 'max', 5)));
  const color = metaText(field, 'color', '#fcb401');
  return (
    <span className="rating-stars" role="img" aria-label={`${value} of ${max}`}>
      {Array.from({ length: max }, (_, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: stars are positions
        <span key={i} style={{ color: i < value ? color : 'var(--border-strong)' }}>
          {i < value ? '★' : '☆'}
        </span>
      ))}
    </span>
  );
}

/** A small preview of a file: its thumbnail for images, else a chip with its name. */
export function AttachmentThumb({ file, size = 'tiny' }: { file: AttachmentValue; size?: 'tiny' | 'small' }) {
  const thumb = file.thumbnails?.[size]?.signedUrl ?? file.thumbnails?.small?.signedUrl;
  const href = file.signedUrl ?? file.url;
  const isImage = file.mimetype?.startsWith('image/');
  const src = thumb ?? (isImage ? href : undefined);
  const content = src ? (
    <img className={`attachment-thumb attachment-thumb-${size}`} src={src} alt={file.title} loading="lazy" />
  ) : (
    <span className="chip attachment-chip">{file.title}</span>
  );
  return href ? (
    <a href={href} target="_blank" rel="noopener noreferrer" title={file.title}>
      {content}
    </a>
  ) : (
    <span title={file.title}>{content}</span>
  );
}

function hrefOfUrl(url: string): string {
  return /^[a-z][a-z0-9+.-]*:/i.test(url) ? url : `https://${url}`;
}

function chips(items: readonly string[]): ReactNode {
  return (
    <span className="chip-list">
      {items.map((label, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: labels may repeat
        <span key={i} className="chip" title={label}>
          {label}
        </span>
      ))}
    </span>
  );
}

function render(field: Field, value: unknown): ReactNode {
  switch (field.uidt) {
    case 'SingleSelect':
    case 'MultiSelect':
      return (
        <span className="chip-list">
          {selectedTitles(value).map((title) => (
            <OptionChip key={title} field={field} title={title} />
          ))}
        </span>
      );
    case 'Checkbox':
      return (
        <span
          className={value === true ? 'checkbox-view checked' : 'checkbox-view'}
          role="img"
          aria-label={value === true ? 'Checked' : 'Not checked'}
          style={value === true ? { background: metaText(field, 'color', 'var(--accent)') } : undefined}
        >
          {value === true ? '✓' : ''}
        </span>
      );
    case 'Rating':
      return <RatingStars field={field} value={typeof value === 'number' ? value : 0} />;
    case 'Attachment':
      return (
        <span className="attachment-list">
          {attachmentsOf(value).map((file, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: files may share a name
            <AttachmentThumb key={i} file={file} />
          ))}
        </span>
      );
    case 'Links':
      if (typeof value === 'number') return value ? chips([linkCountText(value)]) : null;
      return chips(linkedRecordsOf(value).map(linkLabel));
    case 'LinkToAnotherRecord':
      return chips(linkedRecordsOf(value).map(linkLabel));
    case 'User':
    case 'CreatedBy':
    case 'LastModifiedBy':
      return chips(usersOf(value).map(userLabel));
    case 'Lookup':
      return chips((Array.isArray(value) ? value : [value]).map(describeItem).filter(Boolean));
    case 'URL':
      return (
        <a href={hrefOfUrl(String(value))} target="_blank" rel="noopener noreferrer">
          {String(value)}
        </a>
      );
    case 'Email':
      return <a href={`mailto:${String(value)}`}>{String(value)}</a>;
    case 'PhoneNumber':
      return <a href={`tel:${String(value).replace(/[^\d+]/g, '')}`}>{String(value)}</a>;
    case 'LongText':
      return <span className="long-text-view">{String(value)}</span>;
    case 'JSON':
      return <code className="json-view">{JSON.stringify(value, null, 2)}</code>;
    case 'Percent':
      if (metaFlag(field, 'is_progress') && typeof value === 'number')
        return (
          <span className="progress-view" title={formatValue(field, value)}>
            <span style={{ width: `${Math.max(0, Math.min(100, value))}%` }} />
          </span>
        );
      return formatValue(field, value);
    default:
      return formatValue(field, value);
  }
}

export function FieldValueView({ field, value }: { field: Field; value: unknown }) {
  if (value === null || value === undefined || value === '')
    return <span className="field-value field-value-empty" data-testid={`value-${field.title}`} />;
  return (
    <span className={`field-value field-value-${field.uidt}`} data-testid={`value-${field.title}`}>
      {render(field, value)}
    </span>
  );
}
