package io.growthmetrics.bench.pings;

/**
 * A small counter (0..127) per sequence number, for millions of them without boxing: how often a ping was
 * acknowledged, how often it was found in the topic. Grows in chunks; thread-safe.
 */
public final class Counters {

    private static final int CHUNK = 1 << 20;
    private byte[][] chunks = new byte[16][];
    private long highest = -1;

    public synchronized void increment(long sequence) {
        int c = (int) (sequence / CHUNK);
        if (c >= chunks.length) {
            chunks = java.util.Arrays.copyOf(chunks, Math.max(c + 1, chunks.length * 2));
        }
        if (chunks[c] == null) {
            chunks[c] = new byte[CHUNK];
        }
        int i = (int) (sequence % CHUNK);
        if (chunks[c][i] < Byte.MAX_VALUE) {
            chunks[c][i]++;
        }
        highest = Math.max(highest, sequence);
    }

    public synchronized int get(long sequence) {
        int c = (int) (sequence / CHUNK);
        if (c >= chunks.length || chunks[c] == null) {
            return 0;
        }
        return chunks[c][(int) (sequence % CHUNK)];
    }

    /** The highest sequence number counted, or -1. */
    public synchronized long highest() {
        return highest;
    }
}
