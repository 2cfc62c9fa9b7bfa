// Attachment cells: previews (thumbnails for images) with remove buttons, an upload button
// and a drop zone; uploads show their progress. Each change is committed at once with the
// cell's whole new list.
import { useRef, useState } from 'react';
import type { AttachmentValue } from '../api/types.ts';
import { showToast } from '../ui/toasts.tsx';
import { AttachmentThumb } from './FieldValueView.tsx';
import type { FieldInputProps } from './field-input-props.ts';
import { baseIdOf } from './field-kinds.ts';
import { uploadFiles } from './fields-api.ts';
import { attachmentsOf } from './format-value.ts';

function sizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export function AttachmentInput(props: FieldInputProps) {
  const { field, value, onChange, onCommit, disabled, anonymous } = props;
  const files = attachmentsOf(value);
  const picker = useRef<HTMLInputElement>(null);
  const [progress, setProgress] = useState<{ names: string; percent: number } | undefined>();
  const [dragging, setDragging] = useState(false);
  const upload =
    props.uploadFiles ??
    (anonymous
      ? undefined
      : (list: readonly File[], onProgress: (loaded: number, total: number) => void) =>
          uploadFiles(list, baseIdOf(field), onProgress));

  const change = (next: AttachmentValue[]) => {
    const cell = next.length ? next : null;
    onChange(cell);
    onCommit?.(cell);
  };

  const add = async (list: File[]) => {
    if (!upload || list.length === 0 || progress) return;
    setProgress({ names: list.map((f) => f.name).join(', '), percent: 0 });
    try {
      const uploaded = await upload(list, (loaded, total) =>
        setProgress((p) => p && { ...p, percent: Math.round((loaded / total) * 100) }),
      );
      change([...files, ...uploaded]);
    } catch (error) {
      showToast((error as Error).message, 'error');
    } finally {
      setProgress(undefined);
    }
  };

  if (!upload && files.length === 0) return <div className="field-help">Files cannot be attached here.</div>;
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: the drop zone is a convenience; the button uploads too
    <div
      className={dragging ? 'attachment-input dragging' : 'attachment-input'}
      data-testid={`input-${field.title}`}
      onDragOver={(event) => {
        if (disabled || !upload) return;
        event.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={(event) => {
        if (disabled || !upload) return;
        event.preventDefault();
        setDragging(false);
        void add([...event.dataTransfer.files]);
      }}
    >
      <div className="attachment-items">
        {files.map((file, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: files may share a name
          <div key={index} className="attachment-item" data-testid={`attachment-${file.title}`}>
            <AttachmentThumb file={file} size="small" />
            <span className="attachment-name" title={file.title}>
              {file.title}
            </span>
            <span className="field-help">{sizeText(file.size ?? 0)}</span>
            {!disabled && (
              <button
                type="button"
                className="icon-button attachment-remove"
                aria-label={`Remove ${file.title}`}
                data-testid={`remove-${file.title}`}
                onClick={() => change(files.filter((_, i) => i !== index))}
              >
                ×
              </button>
            )}
          </div>
        ))}
      </div>
      {progress && (
        <div
          className="upload-progress"
          role="progressbar"
          aria-valuenow={progress.percent}
          aria-label="Upload"
        >
          <span className="field-help">
            Uploading {progress.names}… {progress.percent}%
          </span>
          <span className="progress-view">
            <span style={{ width: `${progress.percent}%` }} />
          </span>
        </div>
      )}
      {upload && !disabled && (
        <div className="attachment-drop">
          <button
            type="button"
            className="button button-small"
            disabled={Boolean(progress)}
            data-testid={`upload-${field.title}`}
            onClick={() => picker.current?.click()}
          >
            Upload files
          </button>
          <span className="field-help">or drop files here</span>
          <input
            ref={picker}
            type="file"
            multiple
            hidden
            data-testid={`file-${field.title}`}
            onChange={(event) => {
              const chosen = [...(event.target.files ?? [])];
              event.target.value = '';
              void add(chosen);
            }}
          />
        </div>
      )}
    </div>
  );
}
