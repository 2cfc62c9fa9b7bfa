// A record's comment thread: the comments oldest first, a box to add one (Ctrl/Cmd+Enter
// sends), and edit / delete on one's own comments. Each change is also in the history.
import { type KeyboardEvent, useCallback, useEffect, useState } from 'react';
import { useMe } from '../app/me-context.ts';
import { save } from '../shared/save-queue.ts';
import { ConfirmDialog } from '../ui/ConfirmDialog.tsx';
import { showToast } from '../ui/toasts.tsx';
import { commentsApi, type RecordComment } from './comments-api.ts';
import { TimeAgo } from './TimeAgo.tsx';

/** Ctrl/Cmd+Enter runs `send`; Escape runs `cancel` (and stays in the box). */
function composerKeys(send: () => void, cancel?: () => void) {
  return (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      send();
    } else if (event.key === 'Escape' && cancel) {
      event.preventDefault();
      event.stopPropagation();
      cancel();
    }
  };
}

function CommentItem({
  comment,
  own,
  onEdit,
  onDelete,
}: {
  comment: RecordComment;
  own: boolean;
  onEdit(comment: RecordComment, text: string): Promise<boolean>;
  onDelete(comment: RecordComment): void;
}) {
  const [draft, setDraft] = useState<string | undefined>(undefined);
  const finish = async () => {
    if (draft === undefined) return;
    const text = draft.trim();
    if (!text || text === comment.comment) return setDraft(undefined);
    if (await onEdit(comment, text)) setDraft(undefined);
  };
  return (
    <li className="comment" data-testid="comment" data-comment-id={comment.id}>
      <div className="comment-head">
        <strong>{comment.created_display_name || comment.created_by_email || 'Someone'}</strong>
        <span className="comment-time">
          <TimeAgo at={comment.created_at} />
          {comment.is_edited && ' (edited)'}
        </span>
        {own && draft === undefined && (
          <span className="comment-actions">
            <button
              type="button"
              className="button button-ghost button-small"
              data-testid="comment-edit"
              onClick={() => setDraft(comment.comment)}
            >
              Edit
            </button>
            <button
              type="button"
              className="button button-ghost button-small"
              data-testid="comment-delete"
              onClick={() => onDelete(comment)}
            >
              Delete
            </button>
          </span>
        )}
      </div>
      {draft === undefined ? (
        <div className="comment-text" data-testid="comment-text">
          {comment.comment}
        </div>
      ) : (
        <div className="comment-editor">
          <textarea
            className="textarea"
            aria-label="Edit comment"
            data-testid="comment-edit-input"
            value={draft}
            // biome-ignore lint/a11y/noAutofocus: the user just asked to edit this comment
            autoFocus
            onChange={(e) => setDraft(e.target.value)}
            onKeyDown={composerKeys(
              () => void finish(),
              () => setDraft(undefined),
            )}
          />
          <div className="comment-editor-actions">
            <button type="button" className="button button-small" onClick={() => setDraft(undefined)}>
              Cancel
            </button>
            <button
              type="button"
              className="button button-primary button-small"
              data-testid="comment-save"
              onClick={() => void finish()}
            >
              Save
            </button>
          </div>
        </div>
      )}
    </li>
  );
}

export function CommentThread({
  tableId,
  recordId,
  canComment,
  version,
  onChanged,
}: {
  tableId: string;
  recordId: number;
  canComment: boolean;
  /** Bumped when the record changed elsewhere; the thread loads again. */
  version: number;
  /** After this thread added, edited or deleted a comment. */
  onChanged(): void;
}) {
  const me = useMe();
  const [comments, setComments] = useState<RecordComment[] | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const [text, setText] = useState('');
  const [sending, setSending] = useState(false);
  const [deleting, setDeleting] = useState<RecordComment | undefined>(undefined);

  const load = useCallback(() => {
    commentsApi
      .list(tableId, recordId)
      .then((answer) => {
        setComments(answer.list);
        setError(undefined);
      })
      .catch((reason: Error) => setError(reason.message));
  }, [tableId, recordId]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `version` asks for a reload
  useEffect(load, [load, version]);

  // The panel counts the change, which loads this thread (and the history) again.
  const changed = onChanged;

  const send = async () => {
    const comment = text.trim();
    if (!comment || sending) return;
    setSending(true);
    try {
      await save(() => commentsApi.add(tableId, recordId, comment));
      setText('');
      changed();
    } catch (reason) {
      showToast((reason as Error).message, 'error');
    } finally {
      setSending(false);
    }
  };

  const edit = async (comment: RecordComment, next: string) => {
    try {
      await save(() => commentsApi.update(comment.id, next));
      changed();
      return true;
    } catch (reason) {
      showToast((reason as Error).message, 'error');
      return false;
    }
  };

  return (
    <div className="comment-thread" data-testid="comment-thread">
      {error && (
        <div className="error-state" role="alert">
          Could not load the comments: {error}
        </div>
      )}
      {comments?.length === 0 && <p className="record-side-empty">No comments yet.</p>}
      {comments === undefined && !error && <div className="spinner record-side-spinner" aria-busy="true" />}
      <ol className="comment-list">
        {comments?.map((comment) => (
          <CommentItem
            key={comment.id}
            comment={comment}
            own={comment.created_by === me.id}
            onEdit={edit}
            onDelete={setDeleting}
          />
        ))}
      </ol>
      {canComment && (
        <div className="comment-composer">
          <textarea
            className="textarea"
            placeholder="Write a comment… (Ctrl+Enter to send)"
            aria-label="New comment"
            data-testid="comment-input"
            value={text}
            onChange={(e) => setText(e.target.value)}
            onKeyDown={composerKeys(() => void send())}
          />
          <button
            type="button"
            className="button button-primary button-small"
            data-testid="comment-submit"
            disabled={!text.trim() || sending}
            onClick={() => void send()}
          >
            Comment
          </button>
        </div>
      )}
      {deleting && (
        <ConfirmDialog
          title="Delete comment"
          confirmLabel="Delete"
          onClose={() => setDeleting(undefined)}
          onConfirm={async () => {
            await save(() => commentsApi.remove(deleting.id));
            setDeleting(undefined);
            changed();
          }}
        >
          This comment will be removed for everyone. Its history entry stays.
        </ConfirmDialog>
      )}
    </div>
  );
}
