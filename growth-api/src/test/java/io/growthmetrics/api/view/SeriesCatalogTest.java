package io.growthmetrics.api.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.growthmetrics.api.domain.InvalidValueException;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Name resolution only: nothing here reads a view. */
class SeriesCatalogTest {

    private final SeriesCatalog catalog = new SeriesCatalog(null, null, null);

    @Test
    void resolvesFixedNames() {
        assertEquals("installations", catalog.find("installations").orElseThrow().name());
        assertEquals("mrr", catalog.find("mrr").orElseThrow().name());
        assertTrue(catalog.find("arr").isEmpty());
        assertTrue(catalog.find("Snapshot:platform.teamCount").isEmpty());
    }

    @Test
    void resolvesSnapshotMetricsByPrefixKeepingTheWholeName() {
        SeriesSource labelled = catalog.find("snapshot:mqtt.clients{region=eu,tier=pro}").orElseThrow();
        assertEquals("snapshot:mqtt.clients{region=eu,tier=pro}", labelled.name());
        assertEquals(Set.of(), labelled.parameters());
        assertEquals("snapshot:a:b", catalog.find("snapshot:a:b").orElseThrow().name());
    }

    @Test
    void rejectsAnEmptyOrImpossibleSnapshotMetricNamingSeries() {
        for (String name : List.of("snapshot:", "snapshot: x", "snapshot:" + "x".repeat(513))) {
            InvalidValueException e = assertThrows(InvalidValueException.class, () -> catalog.find(name));
            assertEquals("series", e.parameter());
        }
    }

    @Test
    void describesTheFamilyAfterTheFixedNames() {
        assertEquals(List.of("installations", "hostedInstances", "remoteInstances", "mrr", "snapshot:<metric name>"),
                catalog.described());
        assertEquals(List.of("installations", "hostedInstances", "remoteInstances", "mrr"), catalog.names());
    }
}
