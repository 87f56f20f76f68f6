-- A timer's due time to the nanosecond, as the dispatcher holds it: the firing's dedupe key names the due
-- time, so an instance that adopts a bucket's timers from this table must build the same key as the instance
-- that set the timer (with microseconds only, a timer fired by one instance and again by its successor was
-- a new firing to the successor, not a flagged repeat). due_at (microseconds) is still written, for
-- instances of the previous version during a rolling deploy; this version reads due_at_nanos when set.
ALTER TABLE timer ADD COLUMN due_at_nanos bigint;
