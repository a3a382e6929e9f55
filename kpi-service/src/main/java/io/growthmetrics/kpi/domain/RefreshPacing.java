package io.growthmetrics.kpi.domain;

/**
 * Keeps a recurring recomputation to a share of the time: after a run that took T, the next may start only
 * T × (1 / share − 1) later. Small views refresh at every interval as before; a refresh that grows with the
 * population (a day of several hundred thousand installations takes seconds) then yields the database to the
 * consumers instead of running back to back.
 */
public final class RefreshPacing {

    private final double busyShare;
    private long notBeforeNanos;
    private boolean paced;

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

    /** Records a run that started at {@code startNanos} and ended at {@code endNanos}. */
    public synchronized void ran(long startNanos, long endNanos) {
        long took = Math.max(0, endNanos - startNanos);
        notBeforeNanos = endNanos + (long) (took * (1 / busyShare - 1));
        paced = true;
    }
}
