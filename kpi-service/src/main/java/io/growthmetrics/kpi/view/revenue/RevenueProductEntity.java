package io.growthmetrics.kpi.view.revenue;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The current catalog ({@code revenue_product}, read through {@code read_revenue_products}). */
@Entity
@Table(name = "revenue_product")
public class RevenueProductEntity extends PanacheEntityBase {

    @Id
    @Column(name = "product_id")
    public String productId;

    public String name;
}
