-- The send record: what each call a callback made to Meta came back with, per (app, claimant, seq), so that a
-- redelivered event answers the calls it already made without calling Meta again. Trimmed to the newest
-- dedupeCapacity rows by the maintenance task, like dedupe_key.
CREATE TABLE call_record (
    app         text NOT NULL,
    claimant    text NOT NULL,
    seq         integer NOT NULL,
    fingerprint text NOT NULL,
    outcome     text NOT NULL,
    row_seq     bigserial NOT NULL,
    PRIMARY KEY (app, claimant, seq)
);
CREATE INDEX call_record_row_seq ON call_record (row_seq);
