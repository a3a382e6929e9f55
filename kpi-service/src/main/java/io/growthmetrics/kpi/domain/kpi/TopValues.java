package io.growthmetrics.kpi.domain.kpi;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A breakdown cut to a bounded label set for metrics: the {@code n} largest values by count, and the rest summed as
 * {@code other} (so a million distinct OS strings cannot make a million time series).
 */
public final class TopValues {

    public static final String OTHER = "other";

    private TopValues() {
    }

    public static Map<String, Long> of(Map<String, Long> counts, int n) {
        List<Map.Entry<String, Long>> entries = new ArrayList<>(counts.entrySet());
        entries.sort(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()));
        Map<String, Long> top = new LinkedHashMap<>();
        long other = 0;
        for (int i = 0; i < entries.size(); i++) {
            Map.Entry<String, Long> e = entries.get(i);
            if (i < n && !OTHER.equals(e.getKey())) {
                top.put(e.getKey(), e.getValue());
            } else {
                other += e.getValue();
            }
        }
        if (other > 0 || counts.containsKey(OTHER)) {
            top.put(OTHER, other);
        }
        return top;
    }
}
