package io.growthmetrics.kpi.view;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

/** One consumed ping, once: its event id is the key, so a redelivered or re-imported ping changes nothing. */
@Entity
@Table(name = "installation_ping")
public class InstallationPingEntity extends PanacheEntityBase {

    @Id
    @Column(name = "event_id")
    public UUID eventId;

    @Column(name = "instance_id", nullable = false)
    public String instanceId;

    @Column(name = "received_at", nullable = false)
    public OffsetDateTime receivedAt;

    @Column(nullable = false)
    public LocalDate day;

    @Column(nullable = false)
    public String source;

    @Column(name = "platform_version")
    public String platformVersion;

    @Column(name = "nodejs_version")
    public String nodejsVersion;

    @Column(name = "os_type")
    public String osType;

    public String driver;

    @Column(name = "license_type")
    public String licenseType;

    @Column(name = "hosted_instances")
    public Long hostedInstances;

    @Column(name = "remote_instances")
    public Long remoteInstances;

    /** The whole envelope as received, extras included, so later views can use fields not typed yet. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, columnDefinition = "jsonb")
    public String event;
}
