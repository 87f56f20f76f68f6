package dev.baton.marketing;

import java.util.Locale;

/** How a marketing conversation ended; the {@code outcome} tag of the metrics and the attribution record. */
public enum Outcome {
    /** The question was answered and control released to the default app. */
    RELEASED,
    /** Passed to the default app: the person asked for it, chose it, or the flow could not help. */
    PASSED,
    /** A valid contact was collected and stored, then control released or passed. */
    LEAD,
    /** The completion deadline passed with the flow still open; control was released. */
    TIMED_OUT,
    /** Another app took control (a standby event or a take) before the flow finished; nothing was sent after. */
    LOST_CONTROL;

    public String tag() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
