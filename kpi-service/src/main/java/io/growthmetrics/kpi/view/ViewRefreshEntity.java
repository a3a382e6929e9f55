package io.growthmetrics.kpi.view;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.LocalDate;

/**
 * Bookkeeping of a materialized view: the earliest day whose inputs changed since the last refresh, and the
 * days materialized. The refresh holds this row locked (SELECT … FOR UPDATE) while it recomputes, so refreshes of two
 * instances take turns, and a consumer marking a day dirty here meanwhile waits and is seen by the next refresh. The
 * pings' store, which must not wait, marks its days in {@code view_dirty_day} instead.
 */
@Entity
@Table(name = "view_refresh")
public class ViewRefreshEntity extends PanacheEntityBase {

    public static final String INSTALLATIONS = "installations";
    public static final String REVENUE = "revenue";

    @Id
    @Column(name = "view_name")
    public String viewName;

    @Column(name = "dirty_from")
    public LocalDate dirtyFrom;

    @Column(name = "materialized_from")
    public LocalDate materializedFrom;

    @Column(name = "materialized_to")
    public LocalDate materializedTo;

    @Column(name = "window_days")
    public Integer windowDays;

    /** The options the rows were computed with (revenue: the counting rules); a change recomputes everything. */
    public String settings;
}
