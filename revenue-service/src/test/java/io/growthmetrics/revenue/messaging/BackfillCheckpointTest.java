package io.growthmetrics.revenue.messaging;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BackfillCheckpointTest {

    @TempDir
    Path dir;

    @Test
    void aSavedPointSurvivesARestartOfTheSameAccountOnly() throws Exception {
        BackfillCheckpoint checkpoint = new BackfillCheckpoint(dir.resolve("state"), "account-a");
        assertEquals(Optional.empty(), checkpoint.resumeAfter());
        checkpoint.save("sub_42");
        assertEquals(Optional.of("sub_42"), checkpoint.resumeAfter());
        assertTrue(Files.exists(checkpoint.file()));
        assertFalse(Files.readString(checkpoint.file()).contains("sk_"), "a fingerprint, never a key");

        assertEquals(Optional.of("sub_42"), new BackfillCheckpoint(dir.resolve("state"), "account-a").resumeAfter());
        assertEquals(Optional.empty(), new BackfillCheckpoint(dir.resolve("state"), "account-b").resumeAfter());

        checkpoint.clear();
        assertEquals(Optional.empty(), checkpoint.resumeAfter());
        assertFalse(Files.exists(checkpoint.file()));
        assertEquals(Optional.empty(), new BackfillCheckpoint(dir.resolve("state"), "account-a").resumeAfter());
    }

    @Test
    void anUnwritableFolderKeepsThePointInMemory() throws Exception {
        Path notADirectory = Files.writeString(dir.resolve("file"), "x");
        BackfillCheckpoint checkpoint = new BackfillCheckpoint(notADirectory.resolve("state"), "account-a");
        checkpoint.save("sub_7");
        assertEquals(Optional.of("sub_7"), checkpoint.resumeAfter());
    }
}
