package io.growthmetrics.kpi.view;

import io.growthmetrics.kpi.domain.Dimension;
import io.growthmetrics.kpi.domain.Totals;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.Objects;

/** Materialized view {@code installations_breakdown_daily}: read through {@code read_installations_breakdown}. */
@Entity
@Table(name = "installations_breakdown_daily")
@IdClass(InstallationsBreakdownEntity.Key.class)
public class InstallationsBreakdownEntity extends PanacheEntityBase {

    @Id
    public LocalDate day;

    @Id
    @Column(name = "include_dev")
    public boolean includeDev;

    @Id
    public String dimension;

    @Id
    public String value;

    public int installations;

    @Column(name = "hosted_instances")
    public long hostedInstances;

    @Column(name = "remote_instances")
    public long remoteInstances;

    static InstallationsBreakdownEntity of(LocalDate day, boolean includeDev, Dimension dimension, String value,
            Totals totals) {
        InstallationsBreakdownEntity row = new InstallationsBreakdownEntity();
        row.day = day;
        row.includeDev = includeDev;
        row.dimension = dimension.key();
        row.value = value;
        row.installations = totals.installations();
        row.hostedInstances = totals.hostedInstances();
        row.remoteInstances = totals.remoteInstances();
        return row;
    }

    public static class Key implements Serializable {
        public LocalDate day;
        public boolean includeDev;
        public String dimension;
        public String value;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(day, k.day) && includeDev == k.includeDev
                    && Objects.equals(dimension, k.dimension) && Objects.equals(value, k.value);
        }

        @Override
        public int hashCode() {
            return Objects.hash(day, includeDev, dimension, value);
        }
    }
}
