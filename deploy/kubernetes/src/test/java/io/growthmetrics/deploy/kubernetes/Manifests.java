package io.growthmetrics.deploy.kubernetes;

import org.yaml.snakeyaml.Yaml;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Every object {@code kubectl apply -k deploy/kubernetes} would create, read without kustomize: each YAML document of
 * each {@code resources:} file, plus one object per generator of the kustomization (a ConfigMap holding its files, a
 * Secret whose keys are those of its {@code <envs>.example}). Names are the kustomization's base names (no hash
 * suffix, no namespace), which is how the manifests refer to one another.
 */
final class Manifests {

    /** One object, with the file it came from (for messages). */
    record K8s(Map<String, Object> doc, String source) {

        String kind() {
            return (String) doc.get("kind");
        }

        String name() {
            return (String) map(doc, "metadata").get("name");
        }

        Map<String, Object> spec() {
            return map(doc, "spec");
        }

        Map<String, Object> labels() {
            return map(map(doc, "metadata"), "labels");
        }

        @Override
        public String toString() {
            return kind() + " " + name() + " (" + source + ")";
        }
    }

    final Path dir;
    final Map<String, Object> kustomization;
    final List<K8s> objects = new ArrayList<>();
    /** Every file the kustomization reads (resources, generator inputs), relative to {@link #dir}. */
    final Set<String> usedFiles = new LinkedHashSet<>();
    /** Generated ConfigMaps: name → (key → the file it holds). */
    final Map<String, Map<String, Path>> generatedFiles = new LinkedHashMap<>();

    Manifests(Path dir) {
        this.dir = dir;
        this.kustomization = new Yaml().load(SourceTree.read(dir.resolve("kustomization.yaml")));
        for (Object resource : list(kustomization, "resources")) {
            String file = (String) resource;
            usedFiles.add(file);
            for (Object doc : new Yaml().loadAll(SourceTree.read(dir.resolve(file)))) {
                if (doc != null) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> map = (Map<String, Object>) doc;
                    objects.add(new K8s(map, file));
                }
            }
        }
        for (Object g : list(kustomization, "configMapGenerator")) {
            Map<String, Object> generator = cast(g);
            Map<String, Object> data = new LinkedHashMap<>();
            Map<String, Path> files = new LinkedHashMap<>();
            for (Object f : list(generator, "files")) {
                String spec = (String) f;
                int eq = spec.indexOf('=');
                String key = eq < 0 ? Path.of(spec).getFileName().toString() : spec.substring(0, eq);
                String file = eq < 0 ? spec : spec.substring(eq + 1);
                usedFiles.add(file);
                files.put(key, dir.resolve(file));
                data.put(key, SourceTree.read(dir.resolve(file)));
            }
            generatedFiles.put((String) generator.get("name"), files);
            objects.add(new K8s(generated("ConfigMap", generator, data), "kustomization.yaml configMapGenerator"));
        }
        for (Object g : list(kustomization, "secretGenerator")) {
            Map<String, Object> generator = cast(g);
            Map<String, Object> data = new LinkedHashMap<>();
            for (Object e : list(generator, "envs")) {
                String file = (String) e;
                usedFiles.add(file + ".example");
                for (String line : SourceTree.read(dir.resolve(file + ".example")).split("\n")) {
                    String trimmed = line.trim();
                    if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
                        data.put(trimmed.substring(0, trimmed.indexOf('=')), "");
                    }
                }
            }
            Map<String, Object> secret = generated("Secret", generator, data);
            if (generator.get("type") != null) {
                secret.put("type", generator.get("type"));
            }
            objects.add(new K8s(secret, "kustomization.yaml secretGenerator"));
        }
    }

    private static Map<String, Object> generated(String kind, Map<String, Object> generator, Map<String, Object> data) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", generator.get("name"));
        Map<String, Object> options = map(generator, "options");
        metadata.put("labels", options.getOrDefault("labels", Map.of()));
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("apiVersion", "v1");
        object.put("kind", kind);
        object.put("metadata", metadata);
        object.put("data", data);
        return object;
    }

    List<K8s> all(String kind) {
        return objects.stream().filter(o -> kind.equals(o.kind())).toList();
    }

    Optional<K8s> find(String kind, String name) {
        return objects.stream().filter(o -> kind.equals(o.kind()) && Objects.equals(name, o.name())).findFirst();
    }

    K8s get(String kind, String name) {
        return find(kind, name).orElseThrow(() -> new AssertionError("no " + kind + " named " + name
                + " in the manifests of " + dir + " (kustomization.yaml's resources and generators)"));
    }

    K8s single(String kind) {
        List<K8s> all = all(kind);
        if (all.size() != 1) {
            throw new AssertionError("expected exactly one " + kind + " in the manifests, found " + all);
        }
        return all.get(0);
    }

    // ---- plain-YAML helpers

    @SuppressWarnings("unchecked")
    static Map<String, Object> cast(Object o) {
        return o == null ? Map.of() : (Map<String, Object>) o;
    }

    static Map<String, Object> map(Map<String, Object> parent, String key) {
        return cast(parent == null ? null : parent.get(key));
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Map<String, Object> parent, String key) {
        Object value = parent == null ? null : parent.get(key);
        return value == null ? List.of() : (List<Object>) value;
    }

    /** Follows a path of keys ({@code "spec", "template", "spec"}); an empty map where one is missing. */
    static Map<String, Object> path(Map<String, Object> root, String... keys) {
        Map<String, Object> current = root;
        for (String key : keys) {
            current = map(current, key);
        }
        return current;
    }

    static boolean exists(Path path) {
        return Files.exists(path);
    }
}
