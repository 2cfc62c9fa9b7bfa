import type { Generated } from 'kysely';

/**
 * Row shapes of Tessera's own tables (Kysely's database interface). They are plain SQL on
 * both dialects: text ids, JSON kept as text, booleans as 0/1 integers, times as canonical
 * UTC text, so meta code needs no dialect branches.
 */
export interface MetaTables {
  tessera_migrations: { version: number; name: string; applied_at: string };
  tessera_bases: {
    id: string;
    title: string;
    description: string | null;
    color: string | null;
    meta: string;
    sort_order: number;
    created_at: string;
    updated_at: string;
  };
  tessera_tables: {
    id: string;
    base_id: string;
    title: string;
    table_name: string;
    description: string | null;
    meta: string;
    sort_order: number;
    created_at: string;
    updated_at: string;
  };
  tessera_table_stats: {
    table_id: string;
    shard: number;
    row_count: number;
    data_version: number;
  };
  tessera_fields: {
    id: string;
    table_id: string;
    title: string;
    column_name: string;
    uidt: string;
    is_pk: number;
    is_primary_value: number;
    is_system: number;
    is_required: number;
    is_unique: number;
    default_value: string | null;
    description: string | null;
    meta: string;
    options: string;
    sort_order: number;
    created_at: string;
    updated_at: string;
  };
  tessera_views: {
    id: string;
    table_id: string;
    title: string;
    view_type: string;
    description: string | null;
    meta: string;
    sort_order: number;
    group_field_id: string | null;
    cover_field_id: string | null;
    lock_type: string;
    created_at: string;
    updated_at: string;
  };
  tessera_view_fields: {
    view_id: string;
    field_id: string;
    is_shown: number;
    sort_order: number;
    width: string | null;
    meta: string;
  };
  tessera_view_filters: {
    id: string;
    view_id: string;
    parent_id: string | null;
    field_id: string | null;
    comparison_op: string | null;
    comparison_sub_op: string | null;
    value: string | null;
    logical_op: string;
    is_group: number;
    is_enabled: number;
    sort_order: number;
  };
  tessera_view_sorts: {
    id: string;
    view_id: string;
    field_id: string;
    direction: string;
    sort_order: number;
  };
  /** Views shared by link (meta/view-share-store.ts). */
  tessera_view_shares: {
    view_id: string;
    uuid: string;
    password_hash: string | null;
    created_at: string;
    updated_at: string;
  };
  tessera_users: {
    id: string;
    email: string;
    password_hash: string | null;
    firstname: string | null;
    lastname: string | null;
    instance_role: string;
    token_version: number;
    email_verified: number;
    last_signin_at: string | null;
    created_at: string;
    updated_at: string;
  };
  tessera_api_tokens: {
    id: string;
    token_hash: string;
    token_hint: string;
    description: string;
    user_id: string | null;
    /** JSON array of base ids, or null for every base. */
    base_ids: string | null;
    access: string;
    /** `api`, `bootstrap` or `cli`. */
    origin: string;
    expires_at: string | null;
    last_used_at: string | null;
    last_used_ip: string | null;
    revoked_at: string | null;
    created_at: string;
  };
  tessera_base_members: {
    base_id: string;
    user_id: string;
    role: string;
    created_at: string;
    updated_at: string;
  };
  tessera_invitations: {
    id: string;
    token_hash: string;
    email: string;
    instance_role: string;
    base_id: string | null;
    base_role: string | null;
    invited_by: string | null;
    created_at: string;
    expires_at: string;
    accepted_at: string | null;
  };
  /** `family_id`: the sign-in the token descends from (null for tokens issued before families). */
  tessera_refresh_tokens: SingleUseToken & { family_id: string | null };
  tessera_password_resets: SingleUseToken;
  tessera_signin_failures: {
    key: string;
    failures: number;
    first_failed_at: string;
    last_failed_at: string;
    blocked_until: string | null;
  };
  tessera_audit_log: {
    id: Generated<number>;
    created_at: string;
    action: string;
    actor_type: string;
    actor_id: string | null;
    actor_name: string | null;
    actor_user_id: string | null;
    ip: string | null;
    base_id: string | null;
    table_id: string | null;
    record_id: string | null;
    target_id: string | null;
    /** JSON: for records `{before, after}` of the changed fields; for others what changed. */
    details: string | null;
  };
  tessera_event_sequences: { base_id: string; last_seq: number };
  /** Highest number each AutoNumber field has given (records/auto-number.ts). */
  tessera_auto_numbers: { field_id: string; last_value: number };
  /** Comments on records (comments/comment-store.ts); `record_id` as decimal text. */
  tessera_comments: {
    seq: Generated<number>;
    id: string;
    table_id: string;
    base_id: string;
    record_id: string;
    comment: string;
    created_by: string;
    created_by_email: string;
    is_edited: number;
    created_at: string;
    updated_at: string;
  };
  /** Hand-made record order per view (records/record-positions.ts). */
  tessera_record_positions: { view_id: string; record_id: number; position: number };
  tessera_events: {
    base_id: string;
    seq: number;
    table_id: string;
    type: string;
    bulk: number;
    /** JSON array of record ids, in the order of the payload's rows. */
    record_ids: string;
    /** JSON `{rows, previous_rows}`: v2 records keyed by field title, as of the change. */
    payload: string;
    actor_type: string;
    actor_id: string | null;
    actor_user_id: string | null;
    created_at: string;
  };
  tessera_hooks: {
    id: string;
    base_id: string;
    table_id: string;
    title: string;
    description: string | null;
    event: string;
    /** JSON array of hook operations. */
    operations: string;
    version: string;
    /** JSON: NocoDB's notification object. */
    notification: string;
    secret: string | null;
    active: number;
    use_filters: number;
    where_text: string | null;
    /** JSON array of hook filters. */
    filters: string;
    /** JSON array of field ids. */
    trigger_fields: string;
    options: string;
    sort_order: number;
    created_at: string;
    updated_at: string;
  };
  tessera_hook_cursors: { hook_id: string; last_seq: number; next_position: number };
  tessera_hook_deliveries: {
    id: string;
    hook_id: string;
    base_id: string;
    table_id: string;
    position: number;
    seq: number | null;
    kind: string;
    type: string;
    operation: string;
    record_ids: string;
    payload: string;
    status: string;
    attempts: number;
    /** Epoch milliseconds. */
    next_attempt_at: number;
    lease_owner: string | null;
    lease_expires_at: number | null;
    last_status_code: number | null;
    last_latency_ms: number | null;
    response_excerpt: string | null;
    last_error: string | null;
    replay_of: string | null;
    created_at: string;
    updated_at: string;
    finished_at: string | null;
  };
  tessera_hook_attempts: {
    delivery_id: string;
    attempt: number;
    started_at: string;
    status_code: number | null;
    latency_ms: number;
    response_excerpt: string | null;
    error: string | null;
    sent_by: string;
  };
}

/** A hashed, expiring, single-use secret handed to a user (refresh cookie, reset link). */
export interface SingleUseToken {
  token_hash: string;
  user_id: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}
