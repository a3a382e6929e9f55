package io.growthmetrics.deploy.local;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LaunchOptionsTest {

    private static final Path DEFAULT = Path.of("/repo/.local-data");

    @Test
    void defaults() {
        LaunchOptions o = LaunchOptions.parse(List.of(), DEFAULT);
        assertTrue(o.demo());
        assertFalse(o.fresh());
        assertFalse(o.help());
        assertEquals(DEFAULT, o.dataDir());
        assertEquals(0, o.portOffset());
        assertEquals("127.0.0.1", LaunchOptions.parse(List.of(), DEFAULT, null).bindAddress());
        assertTrue(LaunchOptions.parse(List.of(), DEFAULT, null).loopbackOnly());
    }

    @Test
    void bindAddressFromTheOptionElseTheEnvironmentElseLoopback() {
        assertEquals("127.0.0.1", LaunchOptions.parse(List.of(), DEFAULT, " ").bindAddress());
        assertEquals("0.0.0.0", LaunchOptions.parse(List.of(), DEFAULT, "0.0.0.0").bindAddress());
        assertFalse(LaunchOptions.parse(List.of(), DEFAULT, "0.0.0.0").loopbackOnly());
        assertEquals("192.168.1.20",
                LaunchOptions.parse(List.of("--bind-address", "192.168.1.20"), DEFAULT, "0.0.0.0").bindAddress());
        assertEquals("::", LaunchOptions.parse(List.of("--bind-address=::"), DEFAULT, null).bindAddress());
        assertThrows(LaunchOptions.UsageException.class,
                () -> LaunchOptions.parse(List.of("--bind-address"), DEFAULT, null));
        assertThrows(LaunchOptions.UsageException.class,
                () -> LaunchOptions.parse(List.of("--bind-address", "http://x/"), DEFAULT, null));
        assertThrows(LaunchOptions.UsageException.class,
                () -> LaunchOptions.parse(List.of(), DEFAULT, "1.2.3.4,5.6.7.8"));
    }

    @Test
    void theLauncherReachesServicesThroughLoopbackUnlessBoundToOneOtherAddress() {
        assertEquals("127.0.0.1", ServiceSpec.clientHost("127.0.0.1"));
        assertEquals("127.0.0.1", ServiceSpec.clientHost("0.0.0.0"));
        assertEquals("127.0.0.1", ServiceSpec.clientHost("::"));
        assertEquals("10.0.0.5", ServiceSpec.clientHost("10.0.0.5"));
        assertEquals("[fd00::5]", ServiceSpec.clientHost("fd00::5"));
        assertEquals("http://10.0.0.5:8180", ServiceSpec.GROWTH_API.baseUrl("10.0.0.5", 100));
    }

    @Test
    void allFlags() {
        LaunchOptions o = LaunchOptions.parse(
                List.of("--no-demo", "--fresh", "--data-dir", "/tmp/x", "--port-offset", "100"), DEFAULT);
        assertFalse(o.demo());
        assertTrue(o.fresh());
        assertEquals(Path.of("/tmp/x"), o.dataDir());
        assertEquals(100, o.portOffset());

        LaunchOptions inline = LaunchOptions.parse(List.of("--data-dir=/tmp/y", "--port-offset=7"), DEFAULT);
        assertEquals(Path.of("/tmp/y"), inline.dataDir());
        assertEquals(7, inline.portOffset());
        assertTrue(LaunchOptions.parse(List.of("--help"), DEFAULT).help());
    }

    @Test
    void relativeDataDirBecomesAbsolute() {
        assertTrue(LaunchOptions.parse(List.of("--data-dir", "target/e2e"), DEFAULT).dataDir().isAbsolute());
    }

    @Test
    void rejectsWhatItDoesNotKnow() {
        assertThrows(LaunchOptions.UsageException.class, () -> LaunchOptions.parse(List.of("--demo-off"), DEFAULT));
        assertThrows(LaunchOptions.UsageException.class, () -> LaunchOptions.parse(List.of("fresh"), DEFAULT));
        assertThrows(LaunchOptions.UsageException.class, () -> LaunchOptions.parse(List.of("--port-offset"), DEFAULT));
        assertThrows(LaunchOptions.UsageException.class, () -> LaunchOptions.parse(List.of("--port-offset", "x"), DEFAULT));
        assertThrows(LaunchOptions.UsageException.class, () -> LaunchOptions.parse(List.of("--port-offset", "-1"), DEFAULT));
        assertThrows(LaunchOptions.UsageException.class, () -> LaunchOptions.parse(List.of("--port-offset", "60000"), DEFAULT));
        assertThrows(LaunchOptions.UsageException.class, () -> LaunchOptions.parse(List.of("--data-dir"), DEFAULT));
        assertThrows(LaunchOptions.UsageException.class, () -> LaunchOptions.parse(List.of("--fresh=yes"), DEFAULT));
    }
}
