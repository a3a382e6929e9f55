package io.growthmetrics.tools;

import java.util.Map;
import java.util.TreeMap;

/**
 * Which dead letters of one {@code .dlq} partition have been replayed: every offset below the watermark, plus a few
 * ranges above it (dead letters replayed one by one with {@code --offset}, or after one that could not be replayed
 * and stays pending). Kept as the committed offset of the replay's consumer group: the offset is the watermark, the ranges go
 * into the commit's metadata ({@code replayed:12-15,20}). Both are committed in the same Kafka transaction as the
 * replayed records, so a dead letter is replayed exactly once, whatever crashes.
 */
final class ReplayLedger {

    static final String PREFIX = "replayed:";
    /** The broker keeps up to 4096 bytes of metadata per committed offset ({@code offset.metadata.max.bytes}). */
    static final int MAX_METADATA = 3500;

    private long watermark;
    /** start → end (both inclusive), all above the watermark, not adjacent to each other. */
    private final TreeMap<Long, Long> ranges = new TreeMap<>();

    private ReplayLedger(long watermark) {
        this.watermark = watermark;
    }

    static ReplayLedger empty() {
        return new ReplayLedger(0);
    }

    /** From a committed offset and its metadata (null when nothing was ever committed). */
    static ReplayLedger of(Long committedOffset, String metadata) {
        ReplayLedger ledger = new ReplayLedger(committedOffset == null ? 0 : committedOffset);
        if (metadata != null && metadata.startsWith(PREFIX) && metadata.length() > PREFIX.length()) {
            for (String range : metadata.substring(PREFIX.length()).split(",")) {
                int dash = range.indexOf('-');
                long from = Long.parseLong(dash < 0 ? range : range.substring(0, dash));
                long to = dash < 0 ? from : Long.parseLong(range.substring(dash + 1));
                ledger.markRange(from, to);
            }
        }
        return ledger;
    }

    boolean isReplayed(long offset) {
        if (offset < watermark) {
            return true;
        }
        Map.Entry<Long, Long> range = ranges.floorEntry(offset);
        return range != null && range.getValue() >= offset;
    }

    void mark(long offset) {
        markRange(offset, offset);
    }

    /** Marks {@code from..to} (inclusive) as done; nothing when {@code to < from}. */
    void markRange(long from, long to) {
        if (to < from || to < watermark) {
            return;
        }
        from = Math.max(from, watermark);
        Map.Entry<Long, Long> before = ranges.floorEntry(from);
        if (before != null && before.getValue() >= from - 1) {
            from = before.getKey();
            to = Math.max(to, before.getValue());
        }
        Map.Entry<Long, Long> next;
        while ((next = ranges.ceilingEntry(from)) != null && next.getKey() <= to + 1) {
            to = Math.max(to, next.getValue());
            ranges.remove(next.getKey());
        }
        ranges.put(from, to);
        Map.Entry<Long, Long> first = ranges.firstEntry();
        if (first.getKey() <= watermark) {
            watermark = first.getValue() + 1;
            ranges.remove(first.getKey());
        }
    }

    /** The lowest offset not yet replayed (the offset to commit). */
    long watermark() {
        return watermark;
    }

    /** The ranges above the watermark, for the commit's metadata. */
    String metadata() {
        StringBuilder s = new StringBuilder(PREFIX);
        ranges.forEach((from, to) -> {
            if (s.length() > PREFIX.length()) {
                s.append(',');
            }
            s.append(from);
            if (!to.equals(from)) {
                s.append('-').append(to);
            }
        });
        return s.toString();
    }

    boolean fits() {
        return metadata().length() <= MAX_METADATA;
    }
}
