package io.growthmetrics.kpi.domain;

/**
 * Keeps a recurring recomputation to a share of the time: after a run that took T, the next may start only
 * T × (1 / share − 1) later. Small views refresh at every interval as before; a refresh that grows with the
 * population (a day of several hundred thousand installations takes seconds) then yields the database to the
 * consumers instead of running back to back. When the consumers have gone quiet (no change marked between two checks
 * during the pause) there is nobody to yield to: the next run may start at once, so the last changes of a backlog
 * show without waiting out a pause that was sized while it was being stored.
 */
public final class RefreshPacing {

    private final double busyShare;
    private long notBeforeNanos;
    private boolean paced;
    private boolean changesSeen;
    private long lastChanges;

    public RefreshPacing(double busyShare) {
        if (!(busyShare > 0 && busyShare <= 1)) {
            throw new IllegalArgumentException("The busy share must be in (0, 1], got " + busyShare);
        }
        this.busyShare = busyShare;
    }

    /** Whether a run may start at {@code nowNanos} (a System.nanoTime() reading). */
    public synchronized boolean mayStart(long nowNanos) {
        return !paced || nowNanos - notBeforeNanos >= 0;
    }

    /**
     * During a pause: whether the writers have gone quiet, given how many changes have been marked so far (a counter
     * that only grows). True when it has not moved since the previous call of this pause.
     */
    public synchronized boolean quiet(long changesMarked) {
        boolean quiet = changesSeen && changesMarked == lastChanges;
        lastChanges = changesMarked;
        changesSeen = true;
        return quiet;
    }

    /** Records a run that started at {@code startNanos} and ended at {@code endNanos}. */
    public synchronized void ran(long startNanos, long endNanos) {
        long took = Math.max(0, endNanos - startNanos);
        notBeforeNanos = endNanos + (long) (took * (1 / busyShare - 1));
        paced = true;
        changesSeen = false;
    }
}
