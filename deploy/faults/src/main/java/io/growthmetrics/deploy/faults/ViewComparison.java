package io.growthmetrics.deploy.faults;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Row-for-row comparison of two kpi-service databases: every table of the public schema (except Flyway's history
 * and the refresh bookkeeping) and every {@code read_*} view, each row as text, compared by count and digest; the
 * first differing rows are shown. Columns that record when kpi-service did something rather than what the events
 * said ({@link #PROCESSING_COLUMNS}) are left out.
 */
public final class ViewComparison {

    static final Set<String> SKIPPED_TABLES = Set.of("flyway_schema_history", "view_refresh", "view_dirty_day");
    static final Set<String> PROCESSING_COLUMNS = Set.of("updated_at", "refreshed_at", "consumed_at", "stored_at",
            "processed_at", "dead_lettered_at");

    private ViewComparison() {
    }

    /** One relation compared. */
    public record Relation(String name, long leftRows, long rightRows, boolean equal, List<String> examples) {
    }

    public static List<String> relations(Db db) throws SQLException {
        List<String> names = new ArrayList<>();
        for (List<String> row : db.rows("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' "
                + "ORDER BY table_name")) {
            if (!SKIPPED_TABLES.contains(row.get(0))) {
                names.add(row.get(0));
            }
        }
        return names;
    }

    public static List<Relation> compare(Db left, Db right) throws SQLException {
        List<Relation> out = new ArrayList<>();
        List<String> names = relations(left);
        List<String> rightNames = relations(right);
        for (String name : names) {
            if (!rightNames.contains(name)) {
                out.add(new Relation(name, -1, -1, false, List.of("missing in " + right.name())));
                continue;
            }
            String rowText = rowText(left, name);
            String digest = "SELECT count(*), coalesce(md5(string_agg(r, E'\\n' ORDER BY r)), '') FROM (SELECT "
                    + rowText + " AS r FROM " + Db.quote(name) + " t) s";
            List<String> l = left.rows(digest).get(0);
            List<String> r = right.rows(digest).get(0);
            boolean equal = l.equals(r);
            List<String> examples = List.of();
            if (!equal) {
                examples = differences(left, right, name, rowText);
            }
            out.add(new Relation(name, Long.parseLong(l.get(0)), Long.parseLong(r.get(0)), equal, examples));
        }
        return out;
    }

    private static String rowText(Db db, String relation) throws SQLException {
        List<String> cols = new ArrayList<>();
        for (List<String> row : db.rows("SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' "
                + "AND table_name = " + Db.literal(relation) + " ORDER BY ordinal_position")) {
            if (!PROCESSING_COLUMNS.contains(row.get(0))) {
                cols.add("t." + Db.quote(row.get(0)));
            }
        }
        return "row(" + String.join(", ", cols) + ")::text";
    }

    private static List<String> differences(Db left, Db right, String name, String rowText) throws SQLException {
        String sql = "SELECT " + rowText + " AS r FROM " + Db.quote(name) + " t ORDER BY 1";
        List<String> l = left.rows(sql).stream().map(x -> x.get(0)).toList();
        List<String> r = right.rows(sql).stream().map(x -> x.get(0)).toList();
        Set<String> rs = new java.util.HashSet<>(r);
        Set<String> ls = new java.util.HashSet<>(l);
        List<String> examples = new ArrayList<>();
        l.stream().filter(x -> !rs.contains(x)).limit(3).forEach(x -> examples.add("only in " + left.name() + ": " + cut(x)));
        r.stream().filter(x -> !ls.contains(x)).limit(3).forEach(x -> examples.add("only in " + right.name() + ": " + cut(x)));
        if (examples.isEmpty()) {
            examples.add("same rows, different multiplicity (" + l.size() + " vs " + r.size() + ")");
        }
        return examples;
    }

    private static String cut(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }
}
