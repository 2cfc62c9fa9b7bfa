// A time shown as "3 minutes ago", with the full date and time on hover.
import { absoluteTime, parseTimestamp, relativeTime } from './relative-time.ts';

/** A time as "3 minutes ago", the full date and time on hover. */
export function TimeAgo({ at }: { at: string }) {
  return (
    <time dateTime={parseTimestamp(at)?.toISOString()} title={absoluteTime(at)}>
      {relativeTime(at)}
    </time>
  );
}
