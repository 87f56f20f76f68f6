-- One group of appends in one statement (the committer runs it alone in its transaction, with synchronous
-- commit): one round trip to the server per group instead of one per step. It does what the committer's
-- separate statements did, in the same order: lock the touched buckets' sequence rows (in bucket order, so two
-- committers never deadlock) and keep them until commit; take the batch ids under those locks; store the
-- batches and one row per event with the bucket's next sequence numbers, in the order of the arrays (the
-- queue's arrival order); advance the sequences; notify the holders (delivered at commit).
--
-- Arguments, one element per batch: apps, received_at, event_counts, bodies. One element per event, every
-- batch's events in turn: event_batch (1-based position of its batch in the arrays above), event_idx,
-- event_bucket. Returns the batch ids in the order of the batches.
CREATE FUNCTION baton_append(apps text[], received_at bigint[], event_counts integer[], bodies bytea[],
                             event_batch integer[], event_idx integer[], event_bucket integer[])
    RETURNS bigint[]
    LANGUAGE plpgsql
AS $$
DECLARE
    touched integer[];
    locked  integer;
    ids     bigint[];
BEGIN
    SELECT array_agg(DISTINCT b ORDER BY b) INTO touched FROM unnest(event_bucket) b;
    IF touched IS NOT NULL THEN
        PERFORM 1 FROM baton_bucket_seq WHERE bucket = ANY (touched) ORDER BY bucket FOR UPDATE;
        GET DIAGNOSTICS locked = ROW_COUNT;
        IF locked <> cardinality(touched) THEN
            RAISE EXCEPTION 'bucket rows missing: the database was set up for fewer buckets';
        END IF;
    END IF;
    SELECT array_agg(id ORDER BY id) INTO ids
    FROM (SELECT nextval('journal_batch_id') AS id FROM generate_series(1, cardinality(apps))) taken;
    INSERT INTO journal_batch (id, app, received_at, event_count, body)
    SELECT ids[i], apps[i], received_at[i], event_counts[i], bodies[i] FROM generate_subscripts(apps, 1) i;
    IF touched IS NULL THEN
        RETURN ids;
    END IF;
    WITH events AS (
        SELECT e.batch, e.idx, e.bucket, e.ord
        FROM unnest(event_batch, event_idx, event_bucket) WITH ORDINALITY AS e(batch, idx, bucket, ord)
    ), numbered AS (
        SELECT events.batch, events.idx, events.bucket,
               s.next_seq + row_number() OVER (PARTITION BY events.bucket ORDER BY events.ord) AS seq
        FROM events JOIN baton_bucket_seq s ON s.bucket = events.bucket
    ), stored AS (
        INSERT INTO journal_event (batch_id, idx, bucket, seq)
        SELECT ids[numbered.batch], numbered.idx, numbered.bucket, numbered.seq FROM numbered
        RETURNING bucket, seq
    )
    UPDATE baton_bucket_seq s SET next_seq = last.seq
    FROM (SELECT bucket, max(seq) AS seq FROM stored GROUP BY bucket) last
    WHERE s.bucket = last.bucket;
    PERFORM pg_notify('baton_work',
            CASE WHEN cardinality(touched) <= 1000 THEN array_to_string(touched, ',') ELSE '*' END);
    RETURN ids;
END
$$;
