-- Baton's PostgreSQL store, version 1. Instants are microseconds since the epoch (bigint) where Baton
-- compares them itself, timestamptz where PostgreSQL's own clock decides (lease expiry, heartbeats).

-- How the deployment is cut into buckets; every instance must agree (checked at open).
CREATE TABLE baton_meta (
    name  text PRIMARY KEY,
    value text NOT NULL
);

-- One row per bucket: who holds it, until when, and the fencing token (epoch), which only ever grows.
-- Fenced writes lock this row FOR SHARE; takeovers update it.
CREATE TABLE baton_bucket (
    bucket     integer PRIMARY KEY,
    holder     text,
    epoch      bigint NOT NULL DEFAULT 0,
    expires_at timestamptz NOT NULL DEFAULT '-infinity'
);

-- The bucket's append sequence (the last number given), in a table of its own so that appends, which lock
-- it FOR UPDATE until they commit, never wait for fenced writes on the lease row, nor they for appends.
-- Taken under that lock, a bucket's sequence order is the commit order of its appends.
CREATE TABLE baton_bucket_seq (
    bucket   integer PRIMARY KEY,
    next_seq bigint NOT NULL DEFAULT 0
);

-- Live instances: a heartbeat younger than the lease TTL counts; buckets are spread over these.
CREATE TABLE baton_instance (
    id           text PRIMARY KEY,
    heartbeat_at timestamptz NOT NULL
);

CREATE TABLE journal_batch (
    id          bigint PRIMARY KEY,
    app         text NOT NULL,
    received_at bigint NOT NULL,
    event_count integer NOT NULL,
    body        bytea NOT NULL
);
CREATE INDEX journal_batch_received ON journal_batch (received_at);

-- One row per event: its bucket, its place in the bucket's sequence, and whether it was handled.
CREATE TABLE journal_event (
    batch_id bigint NOT NULL REFERENCES journal_batch (id) ON DELETE CASCADE,
    idx      integer NOT NULL,
    bucket   integer NOT NULL,
    seq      bigint NOT NULL,
    done     boolean NOT NULL DEFAULT false,
    PRIMARY KEY (batch_id, idx)
);
CREATE INDEX journal_event_open ON journal_event (bucket, seq) WHERE NOT done;

CREATE SEQUENCE journal_batch_id START 1;

CREATE TABLE dedupe_key (
    app       text NOT NULL,
    event_key text NOT NULL,
    claimant  text,
    seq       bigserial NOT NULL,
    PRIMARY KEY (app, event_key)
);
CREATE INDEX dedupe_key_seq ON dedupe_key (seq);

CREATE TABLE ownership (
    page_id      text NOT NULL,
    user_id      text NOT NULL,
    owner_app_id text,
    since        bigint,
    expires_at   bigint,
    source       text NOT NULL,
    PRIMARY KEY (page_id, user_id)
);

CREATE TABLE last_user_message (
    page_id text NOT NULL,
    user_id text NOT NULL,
    at      bigint NOT NULL,
    PRIMARY KEY (page_id, user_id)
);

CREATE TABLE app_state (
    app     text NOT NULL,
    page_id text NOT NULL,
    user_id text NOT NULL,
    name    text NOT NULL,
    value   text NOT NULL,
    PRIMARY KEY (app, page_id, user_id, name)
);

CREATE TABLE timer (
    app     text NOT NULL,
    page_id text NOT NULL,
    user_id text NOT NULL,
    name    text NOT NULL,
    bucket  integer NOT NULL,
    due_at  bigint NOT NULL,
    PRIMARY KEY (app, page_id, user_id, name)
);
CREATE INDEX timer_bucket_due ON timer (bucket, due_at);
