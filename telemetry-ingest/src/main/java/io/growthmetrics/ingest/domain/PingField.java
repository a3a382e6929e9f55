package io.growthmetrics.ingest.domain;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every field a FlowFuse usage ping can carry (releases 0.2.0 to today), by its dotted path on the wire, with
 * its JSON type and the size limit of the collector's column for it. Anything else is an extra.
 */
public enum PingField {
    INSTANCE_ID("instanceId", Type.STRING, 256, "0.2.0"),
    OS_TYPE("os.type", Type.STRING, 32, "0.2.0"),
    OS_RELEASE("os.release", Type.STRING, 128, "0.2.0"),
    OS_ARCH("os.arch", Type.STRING, 32, "0.2.0"),
    ENV_NODEJS("env.nodejs", Type.STRING, 64, "0.2.0"),
    ENV_FLOWFORGE("env.flowforge", Type.STRING, 64, "0.2.0"),
    USERS("platform.counts.users", Type.INTEGER, 0, "0.2.0"),
    TEAMS("platform.counts.teams", Type.INTEGER, 0, "0.2.0"),
    PROJECTS("platform.counts.projects", Type.INTEGER, 0, "0.2.0"),
    PROJECTS_SUSPENDED("platform.counts.projectsByState.suspended", Type.INTEGER, 0, "1.7.0"),
    DEVICES("platform.counts.devices", Type.INTEGER, 0, "0.6.0"),
    DEVICES_NEVER_SEEN("platform.counts.devicesByLastSeen.never", Type.INTEGER, 0, "2.15.0"),
    DEVICES_SEEN_DAY("platform.counts.devicesByLastSeen.day", Type.INTEGER, 0, "2.15.0"),
    PROJECT_SNAPSHOTS("platform.counts.projectSnapshots", Type.INTEGER, 0, "0.6.0"),
    PROJECT_TEMPLATES("platform.counts.projectTemplates", Type.INTEGER, 0, "0.6.0"),
    PROJECT_STACKS("platform.counts.projectStacks", Type.INTEGER, 0, "0.6.0"),
    LIBRARY_ENTRIES("platform.counts.libraryEntries", Type.INTEGER, 0, "1.3.0"),
    BLUEPRINTS("platform.counts.blueprints", Type.INTEGER, 0, "2.7.0"),
    SHARED_LIBRARY_ENTRIES("platform.counts.sharedLibraryEntries", Type.INTEGER, 0, "1.3.0"),
    TEAM_BROKER_CLIENTS("platform.counts.teamBrokerClients", Type.INTEGER, 0, "2.11.0"),
    REMOTE_BROKERS("platform.counts.remoteBrokers", Type.INTEGER, 0, "2.15.0"),
    DRIVER("platform.config.driver", Type.STRING, 32, "0.2.0"),
    BROKER_ENABLED("platform.config.broker.enabled", Type.BOOLEAN, 0, "1.2.0"),
    FILE_STORE_ENABLED("platform.config.fileStore.enabled", Type.BOOLEAN, 0, "1.2.0"),
    EMAIL_ENABLED("platform.config.email.enabled", Type.BOOLEAN, 0, "1.2.0"),
    LICENSE_ID("platform.license.id", Type.STRING, 256, "1.5.0"),
    LICENSE_TYPE("platform.license.type", Type.STRING, 16, "1.5.0");

    public enum Type { STRING, INTEGER, BOOLEAN }

    private static final Map<String, PingField> BY_PATH = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(PingField::path, Function.identity()));

    /** The objects on the way to a known field (os, platform.counts, …): they must be JSON objects. */
    private static final Set<String> CONTAINERS = Arrays.stream(values())
            .flatMap(f -> parentsOf(f.path))
            .collect(Collectors.toUnmodifiableSet());

    private final String path;
    private final Type type;
    private final int maxLength;
    private final String since;

    PingField(String path, Type type, int maxLength, String since) {
        this.path = path;
        this.type = type;
        this.maxLength = maxLength;
        this.since = since;
    }

    public String path() {
        return path;
    }

    public Type type() {
        return type;
    }

    /** For strings: the longest value the collector's column takes. */
    public int maxLength() {
        return maxLength;
    }

    /** The first platform release that sends the field. */
    public String since() {
        return since;
    }

    public static Optional<PingField> byPath(String path) {
        return Optional.ofNullable(BY_PATH.get(path));
    }

    public static boolean isContainer(String path) {
        return CONTAINERS.contains(path);
    }

    private static java.util.stream.Stream<String> parentsOf(String path) {
        java.util.stream.Stream.Builder<String> parents = java.util.stream.Stream.builder();
        int dot = path.indexOf('.');
        while (dot > 0) {
            parents.add(path.substring(0, dot));
            dot = path.indexOf('.', dot + 1);
        }
        return parents.build();
    }
}
