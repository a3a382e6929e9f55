package io.growthmetrics.deploy.kubernetes;

import io.growthmetrics.contracts.Topics;
import io.growthmetrics.support.TopicSpec;
import org.w3c.dom.Element;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one service's source says about how it is configured and what it uses: its production
 * {@code application.properties} (profile lines {@code %test.}/{@code %dev.} left out), the environment variables
 * those read ({@code ${VAR}} / {@code ${VAR:default}}), its {@code @ConfigMapping} interfaces and
 * {@code @ConfigProperty} names (with service-support's when it depends on it), its dependencies, and the Kafka topics
 * it declares ({@code ServiceTopics}), configures ({@code mp.messaging.*.topic}) or names ({@code Topics.X}).
 */
final class ServiceConfig {

    /** A {@code ${NAME}} or {@code ${NAME:default}} in a property value; default null when there is none. */
    record EnvReference(String name, String defaultValue, String property) {
    }

    private static final Pattern CONFIG_PROPERTY = Pattern.compile("@ConfigProperty\\s*\\(\\s*name\\s*=\\s*\"([^\"]+)\"");
    private static final Pattern TOPIC_SPEC = Pattern.compile("TopicSpec\\.(history|compacted|deadLetterOf)\\s*\\(\\s*([^()]*(?:\\(\\))?)\\s*\\)");
    private static final Pattern TOPICS_CONSTANT = Pattern.compile("\\bTopics\\.([A-Z][A-Z0-9_]*)\\b");

    final Path dir;
    final String artifactId;
    final Properties properties = new Properties();
    private final SourceTree tree;
    private List<ConfigMappings.Property> mappingProperties;
    private Set<String> readableEnv;

    ServiceConfig(SourceTree tree, Path dir) {
        this.tree = tree;
        this.dir = dir;
        this.artifactId = SourceTree.child(SourceTree.pom(dir.resolve("pom.xml")), "artifactId");
        Properties all = new Properties();
        try {
            all.load(new StringReader(SourceTree.read(dir.resolve("src/main/resources/application.properties"))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        all.stringPropertyNames().stream().filter(k -> !k.startsWith("%"))
                .forEach(k -> properties.setProperty(k, all.getProperty(k)));
    }

    Integer port() {
        String port = properties.getProperty("quarkus.http.port");
        return port == null ? null : Integer.valueOf(port.trim());
    }

    /** The artifactIds this module depends on, by scope (compile when unspecified). */
    Map<String, String> dependencies() {
        Map<String, String> deps = new LinkedHashMap<>();
        Element dependencies = SourceTree.child(SourceTree.pom(dir.resolve("pom.xml")), "dependencies", false);
        if (dependencies == null) {
            return deps;
        }
        var nodes = dependencies.getElementsByTagName("dependency");
        for (int i = 0; i < nodes.getLength(); i++) {
            Element dep = (Element) nodes.item(i);
            Element scope = SourceTree.child(dep, "scope", false);
            deps.put(SourceTree.child(dep, "artifactId"), scope == null ? "compile" : scope.getTextContent().trim());
        }
        return deps;
    }

    boolean dependsOn(String artifactId) {
        String scope = dependencies().get(artifactId);
        return scope != null && !scope.equals("test");
    }

    /** Every {@code ${VAR}} of the production properties whose name is an environment variable (upper case). */
    List<EnvReference> envReferences() {
        List<EnvReference> refs = new ArrayList<>();
        for (String key : new TreeMap<>(properties).keySet().stream().map(Object::toString).toList()) {
            collectReferences(properties.getProperty(key), key, refs);
        }
        return refs;
    }

    private static void collectReferences(String value, String property, List<EnvReference> out) {
        int i = 0;
        while ((i = value.indexOf("${", i)) >= 0) {
            int depth = 0;
            int end = -1;
            for (int j = i; j < value.length(); j++) {
                if (value.startsWith("${", j)) {
                    depth++;
                    j++;
                } else if (value.charAt(j) == '}' && --depth == 0) {
                    end = j;
                    break;
                }
            }
            if (end < 0) {
                throw new IllegalStateException("unbalanced ${ in " + property + "=" + value);
            }
            String inner = value.substring(i + 2, end);
            int colon = inner.indexOf(':');
            String name = colon < 0 ? inner : inner.substring(0, colon);
            String defaultValue = colon < 0 ? null : inner.substring(colon + 1);
            if (name.matches("[A-Z][A-Z0-9_]*")) {
                out.add(new EnvReference(name, defaultValue, property));
            }
            if (defaultValue != null) {
                collectReferences(defaultValue, property, out);
            }
            i = end + 1;
        }
    }

    /** The Java sources of this service, and service-support's when it depends on it. */
    List<Path> sources(boolean withSupport) {
        List<Path> files = new ArrayList<>(SourceTree.files(dir.resolve("src/main/java"), ".java"));
        if (withSupport && dependsOn("service-support")) {
            files.addAll(SourceTree.files(tree.path("service-support/src/main/java"), ".java"));
        }
        return files;
    }

    /** The properties of the {@code @ConfigMapping}s this service runs with (its own and service-support's). */
    List<ConfigMappings.Property> mappingProperties() {
        if (mappingProperties != null) {
            return mappingProperties;
        }
        List<ConfigMappings.Property> out = new ArrayList<>();
        for (Path file : sources(true)) {
            out.addAll(ConfigMappings.of(file));
        }
        mappingProperties = List.copyOf(out);
        return mappingProperties;
    }

    /**
     * Every environment variable this service's configuration reads: the {@code ${VAR}}s, and the standard mapping
     * (name in upper case, non-alphanumerics as '_') of each property it sets or reads through a mapping or
     * {@code @ConfigProperty}. Wildcards (map-valued mappings) as prefixes ending in '_'.
     */
    Set<String> readableEnv() {
        if (readableEnv != null) {
            return readableEnv;
        }
        Set<String> names = new LinkedHashSet<>();
        envReferences().forEach(r -> names.add(r.name()));
        properties.stringPropertyNames().forEach(p -> names.add(ConfigMappings.envName(p)));
        for (ConfigMappings.Property p : mappingProperties()) {
            names.add(p.wildcard() ? ConfigMappings.envName(p.name().substring(0, p.name().length() - 2)) + "_"
                    : ConfigMappings.envName(p.name()));
        }
        for (Path file : sources(true)) {
            Matcher m = CONFIG_PROPERTY.matcher(SourceTree.read(file));
            while (m.find()) {
                names.add(ConfigMappings.envName(m.group(1)));
            }
        }
        readableEnv = Set.copyOf(names);
        return readableEnv;
    }

    boolean reads(String env) {
        return readableEnv().stream().anyMatch(n -> n.equals(env) || (n.endsWith("_") && env.startsWith(n)));
    }

    // ---- topics

    /** The topics this service declares in its ServiceTopics (verified at its start), with their kind. */
    Map<String, TopicSpec> declaredTopics() {
        Map<String, TopicSpec> specs = new LinkedHashMap<>();
        for (Path file : sources(false)) {
            String code = ConfigMappings.stripComments(SourceTree.read(file));
            if (!code.contains("implements ServiceTopics")) {
                continue;
            }
            Matcher m = TOPIC_SPEC.matcher(code);
            int found = 0;
            while (m.find()) {
                found++;
                for (String name : resolveTopicArgument(m.group(2).trim(), code, file)) {
                    TopicSpec spec = switch (m.group(1)) {
                        case "history" -> TopicSpec.history(name);
                        case "compacted" -> TopicSpec.compacted(name);
                        default -> TopicSpec.deadLetterOf(name);
                    };
                    specs.put(spec.name(), spec);
                }
            }
            if (found == 0) {
                throw new IllegalStateException(file + " implements ServiceTopics but names no TopicSpec.history/"
                        + "compacted/deadLetterOf: teach ServiceConfig.declaredTopics how it declares its topics");
            }
        }
        return specs;
    }

    /** A TopicSpec factory's argument: Topics.X, a mapping's default (config.topic()), or a loop over a list. */
    private List<String> resolveTopicArgument(String argument, String code, Path file) {
        Matcher constant = Pattern.compile("^Topics\\.([A-Z][A-Z0-9_]*)$").matcher(argument);
        if (constant.find()) {
            return List.of(topicConstant(constant.group(1)));
        }
        Matcher accessor = Pattern.compile("^\\w+\\.(\\w+)\\(\\)$").matcher(argument);
        if (accessor.find()) {
            String method = ConfigMappings.kebab(accessor.group(1));
            for (ConfigMappings.Property p : mappingProperties()) {
                if (p.name().endsWith("." + method)) {
                    String configured = properties.getProperty(p.name());
                    String value = configured != null ? configured : p.defaultValue();
                    if (value == null) {
                        break;
                    }
                    return List.of(value);
                }
            }
            throw new IllegalStateException(file + ": cannot resolve the topic " + argument
                    + " (no @ConfigMapping property ." + method + " with a default or a value in application.properties)");
        }
        Matcher variable = Pattern.compile("^(\\w+)$").matcher(argument);
        if (variable.find()) {
            Matcher loop = Pattern.compile("for\\s*\\(\\s*String\\s+" + variable.group(1) + "\\s*:\\s*(\\w+)\\s*\\)")
                    .matcher(code);
            if (loop.find()) {
                Matcher list = Pattern.compile("\\b" + loop.group(1) + "\\s*=\\s*List\\.of\\(([^;]*)\\)\\s*;")
                        .matcher(code);
                if (list.find()) {
                    List<String> names = new ArrayList<>();
                    for (String element : list.group(1).split(",")) {
                        names.addAll(resolveTopicArgument(element.trim(), code, file));
                    }
                    return names;
                }
            }
        }
        throw new IllegalStateException(file + ": cannot resolve the topic argument '" + argument
                + "': teach ServiceConfig.resolveTopicArgument this form");
    }

    static String topicConstant(String field) {
        try {
            return (String) Topics.class.getField(field).get(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("contracts' Topics has no constant " + field, e);
        }
    }

    /** The topics of this service's SmallRye channels (mp.messaging.incoming|outgoing.*.topic), by direction. */
    Map<String, String> messagingTopics() {
        Map<String, String> topics = new TreeMap<>();
        for (String key : properties.stringPropertyNames()) {
            Matcher m = Pattern.compile("^mp\\.messaging\\.(incoming|outgoing)\\.[^.]+\\.topic$").matcher(key);
            if (m.find()) {
                topics.put(properties.getProperty(key).trim(), m.group(1));
            }
        }
        return topics;
    }

    /** Every topic constant of contracts' Topics named in this service's own code. */
    Set<String> namedTopics() {
        Set<String> names = new LinkedHashSet<>();
        for (Path file : sources(false)) {
            Matcher m = TOPICS_CONSTANT.matcher(ConfigMappings.stripComments(SourceTree.read(file)));
            while (m.find()) {
                names.add(topicConstant(m.group(1)));
            }
        }
        return names;
    }

    /** Whether any of its Java sources contains the text (a reason a test relies on still holds). */
    boolean codeContains(String text) {
        return sources(false).stream().anyMatch(f -> SourceTree.read(f).contains(text));
    }

    static boolean exists(Path path) {
        return Files.exists(path);
    }

    @Override
    public String toString() {
        return artifactId;
    }
}
