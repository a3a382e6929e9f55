package io.growthmetrics.bench.pings;

import java.security.SecureRandom;

/**
 * Fresh installation ids that look like the real ones (UUID v4 text) and that the benchmark can read back: the first
 * group is this run's tag, the second the step's, the last twelve hex digits a sequence number. So every ping sent can
 * be found again in the topic by its key (the instanceId) without keeping the ids in memory.
 */
public final class FreshIds {

    private final String prefix;

    /** {@code step}: 0..0xffff, one per kind of ping of a run (ingest, freshness markers, ...). */
    public FreshIds(int runTag, int step) {
        SecureRandom random = new SecureRandom();
        this.prefix = String.format("%08x-%04x-4%03x-%04x-", runTag, step & 0xffff, random.nextInt(0x1000),
                0x8000 | random.nextInt(0x4000));
    }

    public static int newRunTag() {
        return new SecureRandom().nextInt();
    }

    public String id(long sequence) {
        char[] c = new char[36];
        prefix.getChars(0, 24, c, 0);
        long v = sequence;
        for (int i = 35; i >= 24; i--) {
            c[i] = Character.forDigit((int) (v & 0xf), 16);
            v >>>= 4;
        }
        return new String(c);
    }

    /** The sequence number of one of these ids, else -1. */
    public long sequenceOf(String id) {
        if (id == null || id.length() != 36 || !id.startsWith(prefix)) {
            return -1;
        }
        try {
            return Long.parseLong(id.substring(24), 16);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
