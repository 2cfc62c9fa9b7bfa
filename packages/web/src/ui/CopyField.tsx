// A read-only value with a copy button: a new API token's secret, an invitation or share link.
import { useRef, useState } from 'react';
import { showToast } from './toasts.tsx';
import './copy-field.css';

/** Copies text with the Clipboard API, or by selecting the field where that is not allowed. */
async function copyText(text: string, field: HTMLInputElement | null): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    field?.select();
    return document.execCommand?.('copy') ?? false;
  }
}

export function CopyField({ value, label, testId }: { value: string; label: string; testId: string }) {
  const field = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    if (await copyText(value, field.current)) {
      setCopied(true);
      setTimeout(() => setCopied(false), 2000);
    } else showToast('Select the text and copy it with Ctrl+C', 'info');
  };
  return (
    <div className="copy-field">
      <input
        ref={field}
        className="input copy-field-value"
        value={value}
        readOnly
        aria-label={label}
        onFocus={(event) => event.target.select()}
        data-testid={testId}
      />
      <button type="button" className="button" onClick={() => void copy()} data-testid={`${testId}-copy`}>
        {copied ? 'Copied' : 'Copy'}
      </button>
    </div>
  );
}
