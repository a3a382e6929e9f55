package io.growthmetrics.api.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class MetricNameTest {

    @Test
    void acceptsNamesAsStoredIncludingLabels() {
        for (String name : new String[] {"platform.teamCount", "tables.databases", "mqtt.clients{tier=pro}",
                "mqtt.clients{region=eu,tier=pro}", "platform.teamsByType.Starter", "a b", "ü", "x".repeat(512)}) {
            assertEquals(name, MetricName.check("name", name));
        }
    }

    @Test
    void rejectsNamesThatCannotBeStored() {
        for (String name : new String[] {null, "", " platform.teamCount", "platform.teamCount ", "a\nb", "x".repeat(513)}) {
            InvalidValueException e = assertThrows(InvalidValueException.class, () -> MetricName.check("name", name));
            assertEquals("name", e.parameter());
        }
    }

    @Test
    void countsCharactersNotUtf16Units() {
        String emoji = "😀".repeat(512); // 1024 UTF-16 units, 512 characters: fits varchar(512)
        assertEquals(emoji, MetricName.check("name", emoji));
    }
}
