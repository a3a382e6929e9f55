package io.growthmetrics.deploy.kubernetes;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The properties a {@code @ConfigMapping} interface reads, from its source: {@code prefix} + each method in kebab case
 * (SmallRye's default naming), nested interfaces as groups, a {@code Map<String, Group>} as a wildcard, and each
 * method's {@code @WithDefault}. Enough for the interfaces of this repository; one it cannot read fails loudly
 * (ManifestsTest then names the file).
 */
final class ConfigMappings {

    /** One property: its full name ({@code ingest.limits.body-bytes}; a wildcard ends with {@code .*}). */
    record Property(String name, String defaultValue) {

        boolean wildcard() {
            return name.endsWith(".*");
        }
    }

    private static final Pattern MAPPING = Pattern.compile("@ConfigMapping\\s*\\(\\s*prefix\\s*=\\s*\"([^\"]+)\"\\s*\\)");
    private static final Pattern INTERFACE = Pattern.compile("\\binterface\\s+(\\w+)[^{]*$");
    private static final Pattern METHOD = Pattern.compile(
            "((?:@\\w+(?:\\s*\\([^)]*\\))?\\s*)*)([\\w.]+(?:\\s*<[\\w.<>, ?]+>)?)\\s+(\\w+)\\s*\\(\\s*\\)\\s*$");
    private static final Pattern WITH_DEFAULT = Pattern.compile("@WithDefault\\s*\\(\\s*\"((?:[^\"\\\\]|\\\\.)*)\"\\s*\\)");
    private static final Pattern MAP_OF_GROUP = Pattern.compile("Map\\s*<\\s*String\\s*,\\s*(\\w+)\\s*>");

    private ConfigMappings() {
    }

    /** The mapping's properties, or an empty list when the file declares no {@code @ConfigMapping}. */
    static List<Property> of(Path javaFile) {
        String source = SourceTree.read(javaFile);
        Matcher mapping = MAPPING.matcher(source);
        if (!mapping.find()) {
            return List.of();
        }
        String code = stripComments(source);
        int annotation = code.indexOf("@ConfigMapping");
        int keyword = annotation < 0 ? -1 : code.indexOf("interface", annotation);
        int open = keyword < 0 ? -1 : code.indexOf('{', keyword);
        if (open < 0) {
            throw new IllegalStateException(javaFile + ": @ConfigMapping without an interface body");
        }
        Body top = parse(code, open + 1);
        List<Property> properties = new ArrayList<>();
        collect(mapping.group(1), top, top.nested, properties, javaFile);
        return properties;
    }

    /** An interface body: its abstract methods (annotations, return type) and its nested interfaces. */
    private record Body(List<String[]> methods, Map<String, Body> nested, int end) {
    }

    private static void collect(String prefix, Body body, Map<String, Body> groups, List<Property> out, Path file) {
        for (String[] method : body.methods) {
            String annotations = method[0];
            String type = method[1];
            String name = prefix + "." + kebab(method[2]);
            Matcher map = MAP_OF_GROUP.matcher(type);
            String bare = type.replaceAll("^Optional\\s*<\\s*(\\w+)\\s*>$", "$1");
            if (map.find() && groups.containsKey(map.group(1))) {
                out.add(new Property(name + ".*", null));
            } else if (type.startsWith("Map")) {
                out.add(new Property(name + ".*", null));
            } else if (groups.containsKey(bare)) {
                Body group = groups.get(bare);
                Map<String, Body> scope = new LinkedHashMap<>(groups);
                scope.putAll(group.nested);
                collect(name, group, scope, out, file);
            } else {
                Matcher withDefault = WITH_DEFAULT.matcher(annotations);
                out.add(new Property(name, withDefault.find() ? withDefault.group(1) : null));
            }
        }
    }

    /** Parses from just after an opening brace to its closing brace. */
    private static Body parse(String code, int from) {
        List<String[]> methods = new ArrayList<>();
        Map<String, Body> nested = new LinkedHashMap<>();
        StringBuilder statement = new StringBuilder();
        int i = from;
        while (i < code.length()) {
            char c = code.charAt(i);
            if (c == '"') {
                int end = stringEnd(code, i);
                statement.append(code, i, end + 1);
                i = end + 1;
                continue;
            }
            if (c == '{') {
                Matcher iface = INTERFACE.matcher(statement);
                if (iface.find()) {
                    Body body = parse(code, i + 1);
                    nested.put(iface.group(1), body);
                    i = body.end + 1;
                } else {
                    i = skipBlock(code, i) + 1; // a default method's body, an initializer: not configuration
                }
                statement.setLength(0);
                continue;
            }
            if (c == '}') {
                return new Body(methods, nested, i);
            }
            if (c == ';') {
                Matcher method = METHOD.matcher(statement.toString().trim());
                if (method.find() && !statement.toString().contains("default ")
                        && !statement.toString().contains("static ")) {
                    methods.add(new String[] {method.group(1), method.group(2).replaceAll("\\s+", ""), method.group(3)});
                }
                statement.setLength(0);
                i++;
                continue;
            }
            statement.append(c);
            i++;
        }
        throw new IllegalStateException("unbalanced braces");
    }

    private static int stringEnd(String code, int quote) {
        int i = quote + 1;
        while (i < code.length() && code.charAt(i) != '"') {
            i += code.charAt(i) == '\\' ? 2 : 1;
        }
        return i;
    }

    private static int skipBlock(String code, int open) {
        int depth = 0;
        for (int i = open; i < code.length(); i++) {
            char c = code.charAt(i);
            if (c == '"') {
                i = stringEnd(code, i);
            } else if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return i;
            }
        }
        throw new IllegalStateException("unbalanced braces");
    }

    static String stripComments(String source) {
        StringBuilder out = new StringBuilder(source.length());
        int i = 0;
        while (i < source.length()) {
            char c = source.charAt(i);
            if (c == '"') {
                int end = stringEnd(source, i);
                out.append(source, i, end + 1);
                i = end + 1;
            } else if (source.startsWith("//", i)) {
                int end = source.indexOf('\n', i);
                i = end < 0 ? source.length() : end;
            } else if (source.startsWith("/*", i)) {
                int end = source.indexOf("*/", i + 2);
                i = end < 0 ? source.length() : end + 2;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    /** SmallRye's default naming: {@code ipHashKey} → {@code ip-hash-key}. */
    static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }

    /** The environment variable a property is read from: non-alphanumerics to '_', upper case. */
    static String envName(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(java.util.Locale.ROOT);
    }
}
