package io.growthmetrics.kpi.view.revenue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.growthmetrics.contracts.EventJson;
import io.growthmetrics.contracts.revenue.ProductCatalogEvent;
import io.growthmetrics.kpi.view.ViewRefreshEntity;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;

import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Keeps the current self-service catalog: the latest {@code publishedAt} wins (a tie goes to the greater products
 * document, so any order of arrival gives the same catalog). {@code revenue_product} is replaced by the winner;
 * when its product ids differ from the ones before, every day of the revenue views is recomputed (the
 * materialization is invalidated).
 */
@ApplicationScoped
public class CatalogStore {

    private static final String UPSERT = """
            INSERT INTO revenue_catalog (catalog_key, published_at, products)
            VALUES (?1, ?2, CAST(CAST(?3 AS text) AS jsonb))
            ON CONFLICT (catalog_key) DO UPDATE SET published_at = EXCLUDED.published_at, products = EXCLUDED.products
            WHERE (EXCLUDED.published_at, EXCLUDED.products) > (revenue_catalog.published_at, revenue_catalog.products)
            """;

    private static final String REPLACE_PRODUCTS = """
            INSERT INTO revenue_product (product_id, name)
            SELECT product_id, name FROM jsonb_to_recordset(CAST(CAST(?1 AS text) AS jsonb)) AS x(product_id text, name text)
            """;

    private static final String INVALIDATE = "UPDATE view_refresh SET materialized_to = NULL WHERE view_name = ?1";

    /** Applies the catalogs in order in one transaction; emits how many became the current one. */
    public Uni<Integer> store(List<ProductCatalogEvent> catalogs) {
        return Panache.withTransaction(() -> Panache.getSession().flatMap(session -> Multi.createFrom()
                .iterable(catalogs)
                .onItem().transformToUniAndConcatenate(catalog -> apply(session, catalog))
                .collect().with(java.util.stream.Collectors.summingInt(Integer::intValue))));
    }

    private Uni<Integer> apply(Mutiny.Session session, ProductCatalogEvent catalog) {
        ArrayNode products = EventJson.mapper().createArrayNode();
        catalog.products().stream()
                .sorted(Comparator.comparing(ProductCatalogEvent.Product::productId))
                .forEach(p -> products.addObject().put("product_id", p.productId()).put("name", p.name()));
        String document = products.toString();
        Set<String> ids = new TreeSet<>();
        catalog.products().forEach(p -> ids.add(p.productId()));
        return session.createNativeQuery(UPSERT)
                .setParameter(1, ProductCatalogEvent.KEY)
                .setParameter(2, catalog.publishedAt().atOffset(ZoneOffset.UTC))
                .setParameter(3, document)
                .executeUpdate()
                .flatMap(won -> won == 0 ? Uni.createFrom().item(0) : replaceProducts(session, document, ids).replaceWith(1));
    }

    /** Replaces {@code revenue_product}; invalidates the materialization when the product ids change. */
    private Uni<Void> replaceProducts(Mutiny.Session session, String document, Set<String> ids) {
        return session.createNativeQuery("SELECT product_id FROM revenue_product", String.class)
                .getResultList()
                .flatMap(before -> session.createNativeQuery("DELETE FROM revenue_product").executeUpdate()
                        .chain(() -> session.createNativeQuery(REPLACE_PRODUCTS).setParameter(1, document).executeUpdate())
                        .chain(() -> new TreeSet<>(before).equals(ids) ? Uni.createFrom().voidItem()
                                : session.createNativeQuery(INVALIDATE).setParameter(1, ViewRefreshEntity.REVENUE)
                                        .executeUpdate().replaceWithVoid()))
                .replaceWithVoid();
    }
}
