package io.growthmetrics.contracts.telemetry;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The known fields of a FlowFuse usage ping, in the nested shape the platform sends. Every field but
 * {@code instanceId} is optional (older releases send fewer), so absent ones are null.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TelemetryPing(String instanceId, Os os, Env env, Platform platform) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Os(String type, String release, String arch) {
    }

    /** {@code flowforge} is the platform version without a leading v; {@code nodejs} keeps its v. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Env(String nodejs, String flowforge) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Platform(Counts counts, Config config, License license) {
    }

    /** Note: the sender swaps projectTemplates and projectStacks; they are kept under the names on the wire. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Counts(
            Long users,
            Long teams,
            Long projects,
            ProjectsByState projectsByState,
            Long devices,
            DevicesByLastSeen devicesByLastSeen,
            Long projectSnapshots,
            Long projectTemplates,
            Long projectStacks,
            Long libraryEntries,
            Long blueprints,
            Long sharedLibraryEntries,
            Long teamBrokerClients,
            Long remoteBrokers) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ProjectsByState(Long suspended) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record DevicesByLastSeen(Long never, Long day) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Config(String driver, Toggle broker, Toggle fileStore, Toggle email) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Toggle(Boolean enabled) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record License(String id, String type) {
    }
}
