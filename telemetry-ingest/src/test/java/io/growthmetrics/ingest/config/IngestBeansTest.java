package io.growthmetrics.ingest.config;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The start-up check of the limits, on the real mapping built by SmallRye Config (no Quarkus). */
class IngestBeansTest {

    private static final long BUFFER_65K = 65 * 1024;

    private static IngestConfig config(Map<String, String> values) {
        SmallRyeConfig config = new SmallRyeConfigBuilder().withMapping(IngestConfig.class)
                .withConverter(Duration.class, 200, new DurationConverter())
                .withDefaultValue("ingest.ip-hash-key", "k").withDefaultValues(values).build();
        return config.getConfigMapping(IngestConfig.class);
    }

    @Test
    void theDefaultsStartWithTheBufferTheServiceIsBuiltWith() {
        assertDoesNotThrow(() -> IngestBeans.check(config(Map.of()), BUFFER_65K));
    }

    @Test
    void aBodyLimitTheRequestBufferCannotHoldIsRefused() {
        // PingResource reads body-bytes + 1 on the I/O thread: more than quarkus-rest buffered would have to block.
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> IngestBeans.check(config(Map.of("ingest.limits.body-bytes", "66560")), BUFFER_65K));
        assertTrue(e.getMessage().contains("quarkus.rest.input-buffer-size"), e.getMessage());
        // quarkus-rest's own default (10 KiB) is below the default limit: the property must be set.
        assertThrows(IllegalStateException.class, () -> IngestBeans.check(config(Map.of()), 10 * 1024));
        assertDoesNotThrow(() -> IngestBeans.check(config(Map.of("ingest.limits.body-bytes", "66559")), BUFFER_65K));
    }

    @Test
    void looserJsonLimitsThanTheContractsAreRefused() {
        assertThrows(IllegalStateException.class,
                () -> IngestBeans.check(config(Map.of("ingest.limits.string-length", "100000")), BUFFER_65K));
    }
}
