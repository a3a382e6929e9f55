package io.growthmetrics.kpi.domain;

/** Installations and the hosted and remote instances they run. */
public record Totals(int installations, long hostedInstances, long remoteInstances) {

    public static final Totals ZERO = new Totals(0, 0, 0);

    public Totals plus(InstallationDay installation) {
        return new Totals(installations + 1, hostedInstances + installation.hostedInstances(),
                remoteInstances + installation.remoteInstances());
    }
}
