package io.growthmetrics.tools;

import org.junit.jupiter.api.Test;

import java.util.Random;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReplayLedgerTest {

    @Test
    void singleReplaysAboveTheWatermarkAreKeptAsRangesAndCloseTheGap() {
        ReplayLedger ledger = ReplayLedger.empty();
        ledger.mark(3);
        ledger.mark(4);
        ledger.mark(7);
        assertEquals(0, ledger.watermark());
        assertEquals("replayed:3-4,7", ledger.metadata());
        assertTrue(ledger.isReplayed(4));
        assertFalse(ledger.isReplayed(5));
        ledger.markRange(0, 2);
        assertEquals(5, ledger.watermark());
        assertEquals("replayed:7", ledger.metadata());
        ledger.markRange(5, 6);
        assertEquals(8, ledger.watermark());
        assertEquals("replayed:", ledger.metadata());
    }

    @Test
    void readsBackWhatItWrote() {
        ReplayLedger ledger = ReplayLedger.of(10L, "replayed:12-15,20");
        assertTrue(ledger.isReplayed(9));
        assertFalse(ledger.isReplayed(10));
        assertTrue(ledger.isReplayed(13));
        assertFalse(ledger.isReplayed(16));
        assertTrue(ledger.isReplayed(20));
        assertEquals("replayed:12-15,20", ReplayLedger.of(ledger.watermark(), ledger.metadata()).metadata());
        assertEquals(0, ReplayLedger.of(null, null).watermark());
        assertEquals(4, ReplayLedger.of(4L, "something else").watermark());
    }

    /** Seeded random marks against a plain set: the ledger always says the same. */
    @Test
    void agreesWithASetOfOffsets() {
        long seed = Long.getLong("hostile.seed", 7L);
        int tries = Integer.getInteger("hostile.tries", 200);
        Random random = new Random(seed);
        for (int t = 0; t < tries; t++) {
            ReplayLedger ledger = ReplayLedger.empty();
            TreeSet<Long> marked = new TreeSet<>();
            for (int i = 0; i < 30; i++) {
                long from = random.nextInt(60);
                long to = from + (random.nextBoolean() ? 0 : random.nextInt(5));
                ledger.markRange(from, to);
                for (long o = from; o <= to; o++) {
                    marked.add(o);
                }
                if (random.nextInt(4) == 0) {
                    ledger = ReplayLedger.of(ledger.watermark(), ledger.metadata());
                }
            }
            for (long o = 0; o < 70; o++) {
                assertEquals(marked.contains(o), ledger.isReplayed(o), "seed " + seed + ", try " + t + ", offset " + o);
            }
            long watermark = 0;
            while (marked.contains(watermark)) {
                watermark++;
            }
            assertEquals(watermark, ledger.watermark(), "seed " + seed + ", try " + t);
        }
    }
}
