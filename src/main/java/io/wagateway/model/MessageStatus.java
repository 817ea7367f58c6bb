package io.wagateway.model;

/**
 * Canonical statuses (contract section 4). The forward-only rule lives here so that every
 * receipt, from any provider, is judged the same way.
 */
public enum MessageStatus {
    ACCEPTED(0, false),
    SUBMITTED(1, false),
    SENT(2, false),
    DELIVERED(3, false),
    READ(4, true),
    FAILED(5, true),
    REJECTED(5, true),
    EXPIRED(5, true);

    private final int rank;
    private final boolean fin;

    MessageStatus(int rank, boolean fin) {
        this.rank = rank;
        this.fin = fin;
    }

    public int rank() { return rank; }

    public boolean isFinal() { return fin; }

    public boolean isFailure() { return this == FAILED || this == REJECTED || this == EXPIRED; }

    /** Whether a message in this status may move to {@code next}: never back, never out of a final status. */
    public boolean canMoveTo(MessageStatus next) {
        if (fin || next == this) {
            return false;
        }
        return next.isFailure() || next.rank > rank;
    }
}
