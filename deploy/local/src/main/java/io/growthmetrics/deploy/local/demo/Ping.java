package io.growthmetrics.deploy.local.demo;

import java.time.LocalDateTime;

/**
 * One row of the collector's {@code pings} table, components in the table's column order (see {@link PingCsv#COLUMNS}).
 * A null component is SQL NULL: the field was not in the ping and the column has no default.
 *
 * @param createdAt the collector's receive time, UTC
 */
public record Ping(
        LocalDateTime createdAt,
        String instanceId,
        String ip,
        String flowforgeVersion,
        String nodejsVersion,
        String osArch,
        String osRelease,
        String osType,
        String driver,
        Integer projects,
        Integer teams,
        Integer users,
        Integer devices,
        Integer projectSnapshots,
        Integer projectStacks,
        Integer projectTemplates,
        Boolean brokerEnabled,
        Boolean emailEnabled,
        Boolean fileStoreEnabled,
        Integer libraryEntries,
        Integer sharedLibraryEntries,
        String licenseId,
        String licenseType,
        Integer projectsSuspended,
        Integer blueprints,
        Integer teamBrokerClients,
        Integer devicesNeverSeen,
        Integer devicesSeenLastDay,
        Integer remoteBrokers) {

    /** A developer build (run from a git checkout). */
    public boolean devBuild() {
        return flowforgeVersion != null && flowforgeVersion.endsWith("-git");
    }
}
