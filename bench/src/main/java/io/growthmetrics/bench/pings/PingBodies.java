package io.growthmetrics.bench.pings;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.growthmetrics.contracts.EventJson;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * POST /ping bodies as installations send them: compact JSON (the sender posts {@code JSON.stringify} through
 * axios), key order and field sets of their release, a mix of releases, drivers, platforms and licences (see
 * {@link Installation}). A few hundred shapes are prepared once; each body is one of them with a given
 * instanceId put in, so making a body costs a copy.
 */
public final class PingBodies {

    private static final String PLACEHOLDER = "00000000-0000-4000-8000-000000000000";

    private final byte[][] prefixes;
    private final byte[][] suffixes;

    /** {@code regularOnly}: no developer builds or test platforms (they are left out of the headline figures). */
    public PingBodies(long seed, int shapes, boolean regularOnly) {
        Random random = new Random(seed);
        prefixes = new byte[shapes][];
        suffixes = new byte[shapes][];
        for (int i = 0; i < shapes; i++) {
            // created on the last day of a year: the release mix of today
            Installation installation = new Installation(PLACEHOLDER, random, 364, 365, regularOnly);
            String json;
            try {
                json = EventJson.mapper().writeValueAsString(installation.ping());
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
            int at = json.indexOf(PLACEHOLDER);
            prefixes[i] = json.substring(0, at).getBytes(StandardCharsets.UTF_8);
            suffixes[i] = json.substring(at + PLACEHOLDER.length()).getBytes(StandardCharsets.UTF_8);
        }
    }

    public int shapes() {
        return prefixes.length;
    }

    /** The body of shape {@code shape} (any number; taken modulo the shapes) with {@code instanceId} (36 chars). */
    public byte[] body(long shape, String instanceId) {
        int s = (int) Math.floorMod(shape, (long) prefixes.length);
        byte[] id = instanceId.getBytes(StandardCharsets.US_ASCII);
        byte[] body = new byte[prefixes[s].length + id.length + suffixes[s].length];
        System.arraycopy(prefixes[s], 0, body, 0, prefixes[s].length);
        System.arraycopy(id, 0, body, prefixes[s].length, id.length);
        System.arraycopy(suffixes[s], 0, body, prefixes[s].length + id.length, suffixes[s].length);
        return body;
    }

    /** Mean body size in bytes (with a 36-character id). */
    public double meanSize() {
        long total = 0;
        for (int i = 0; i < prefixes.length; i++) {
            total += prefixes[i].length + 36 + suffixes[i].length;
        }
        return (double) total / prefixes.length;
    }

    /** A few bodies, for the record. */
    public List<String> samples(int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < Math.min(n, prefixes.length); i++) {
            out.add(new String(body(i, PLACEHOLDER), StandardCharsets.UTF_8));
        }
        return out;
    }
}
