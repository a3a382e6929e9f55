package io.growthmetrics.ingest.domain;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;
import java.util.TreeSet;

/**
 * Passes at most {@code maxLineLength} characters of each physical line (lines end at {@code \n}); the rest of a longer
 * line is skipped and its number remembered, so the record holding it is rejected rather than read cut short. Memory
 * stays bounded whatever the input: one line is never held whole.
 */
public final class LineLimitedReader extends FilterReader {

    private final int maxLineLength;
    private final TreeSet<Long> overlong = new TreeSet<>();
    private long line = 1;
    private long column;
    private boolean skipping;

    public LineLimitedReader(Reader in, int maxLineLength) {
        super(in);
        this.maxLineLength = maxLineLength;
    }

    @Override
    public int read() throws IOException {
        char[] one = new char[1];
        int n = read(one, 0, 1);
        return n <= 0 ? -1 : one[0];
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        while (true) {
            int n = in.read(buffer, offset, length);
            if (n <= 0) {
                return n;
            }
            int out = offset;
            for (int i = offset; i < offset + n; i++) {
                char c = buffer[i];
                if (c == '\n') {
                    buffer[out++] = c;
                    line++;
                    column = 0;
                    skipping = false;
                    continue;
                }
                if (skipping) {
                    continue;
                }
                if (++column > maxLineLength) {
                    skipping = true;
                    overlong.add(line);
                    continue;
                }
                buffer[out++] = c;
            }
            if (out > offset) {
                return out - offset;
            }
            // everything read was skipped: read on
        }
    }

    /** The first line from {@code first} to {@code last} that was too long, or -1; forgets lines before {@code first}. */
    public long overlongBetween(long first, long last) {
        while (!overlong.isEmpty() && overlong.first() < first) {
            overlong.pollFirst();
        }
        Long found = overlong.ceiling(first);
        return found != null && found <= last ? found : -1;
    }

    public int maxLineLength() {
        return maxLineLength;
    }
}
