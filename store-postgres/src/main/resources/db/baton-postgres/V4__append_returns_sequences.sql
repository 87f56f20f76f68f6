-- baton_append (V3) also returns each event's sequence number, so that the instance that appended can feed
-- its own new events to the dispatcher without reading them back; and its notification names the appending
-- instance first ("@id,bucket,bucket,..."), so that an instance does not wake itself twice. Older instances
-- read that payload as buckets too and skip the "@id" part, which is no number.
DROP FUNCTION baton_append(text[], bigint[], integer[], bytea[], integer[], integer[], integer[]);

CREATE FUNCTION baton_append(apps text[], received_at bigint[], event_counts integer[], bodies bytea[],
                             event_batch integer[], event_idx integer[], event_bucket integer[], sender text,
                             OUT ids bigint[], OUT seqs bigint[])
    LANGUAGE plpgsql
AS $$
DECLARE
    touched integer[];
    locked  integer;
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
        seqs := '{}';
        RETURN;
    END IF;
    WITH events AS (
        SELECT e.batch, e.idx, e.bucket, e.ord
        FROM unnest(event_batch, event_idx, event_bucket) WITH ORDINALITY AS e(batch, idx, bucket, ord)
    ), numbered AS (
        SELECT events.batch, events.idx, events.bucket, events.ord,
               s.next_seq + row_number() OVER (PARTITION BY events.bucket ORDER BY events.ord) AS seq
        FROM events JOIN baton_bucket_seq s ON s.bucket = events.bucket
    ), stored AS (
        INSERT INTO journal_event (batch_id, idx, bucket, seq)
        SELECT ids[numbered.batch], numbered.idx, numbered.bucket, numbered.seq FROM numbered
        RETURNING bucket, seq
    ), advanced AS (
        UPDATE baton_bucket_seq s SET next_seq = last.seq
        FROM (SELECT bucket, max(seq) AS seq FROM stored GROUP BY bucket) last
        WHERE s.bucket = last.bucket
        RETURNING s.bucket
    )
    SELECT array_agg(numbered.seq ORDER BY numbered.ord) INTO seqs
    FROM numbered;
    PERFORM pg_notify('baton_work',
            CASE WHEN cardinality(touched) <= 1000 THEN '@' || sender || ',' || array_to_string(touched, ',')
                 ELSE '@' || sender || ',*' END);
END
$$;
