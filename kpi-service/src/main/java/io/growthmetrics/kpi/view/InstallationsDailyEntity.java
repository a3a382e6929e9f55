package io.growthmetrics.kpi.view;

import io.growthmetrics.kpi.domain.DayFigures;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.Objects;

/** Materialized view {@code installations_daily}: read by growth-api through {@code read_installations_daily}. */
@Entity
@Table(name = "installations_daily")
@IdClass(InstallationsDailyEntity.Key.class)
public class InstallationsDailyEntity extends PanacheEntityBase {

    @Id
    public LocalDate day;

    @Id
    @Column(name = "include_dev")
    public boolean includeDev;

    public int installations;

    @Column(name = "hosted_instances")
    public long hostedInstances;

    @Column(name = "remote_instances")
    public long remoteInstances;

    public int added;

    public int removed;

    static InstallationsDailyEntity of(DayFigures figures) {
        InstallationsDailyEntity row = new InstallationsDailyEntity();
        row.day = figures.day();
        row.includeDev = figures.includeDev();
        row.installations = figures.totals().installations();
        row.hostedInstances = figures.totals().hostedInstances();
        row.remoteInstances = figures.totals().remoteInstances();
        row.added = figures.added();
        row.removed = figures.removed();
        return row;
    }

    public static class Key implements Serializable {
        public LocalDate day;
        public boolean includeDev;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(day, k.day) && includeDev == k.includeDev;
        }

        @Override
        public int hashCode() {
            return Objects.hash(day, includeDev);
        }
    }
}
