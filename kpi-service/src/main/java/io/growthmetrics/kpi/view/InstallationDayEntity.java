package io.growthmetrics.kpi.view;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.UUID;

/** The latest ping of an installation on a UTC day (written by {@link PingStore}'s upsert, read by the refresh). */
@Entity
@Table(name = "installation_day")
@IdClass(InstallationDayEntity.Key.class)
public class InstallationDayEntity extends PanacheEntityBase {

    @Id
    public LocalDate day;

    @Id
    @Column(name = "instance_id")
    public String instanceId;

    @Column(name = "event_id")
    public UUID eventId;

    @Column(name = "received_at")
    public OffsetDateTime receivedAt;

    @Column(name = "is_dev")
    public boolean dev;

    public String driver;

    @Column(name = "os_type")
    public String osType;

    @Column(name = "platform_version")
    public String platformVersion;

    @Column(name = "nodejs_version")
    public String nodejsVersion;

    @Column(name = "license_type")
    public String licenseType;

    @Column(name = "hosted_instances")
    public long hostedInstances;

    @Column(name = "remote_instances")
    public long remoteInstances;

    public static class Key implements Serializable {
        public LocalDate day;
        public String instanceId;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(day, k.day) && Objects.equals(instanceId, k.instanceId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(day, instanceId);
        }
    }
}
