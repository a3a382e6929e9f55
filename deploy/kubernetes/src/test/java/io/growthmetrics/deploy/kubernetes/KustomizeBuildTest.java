package io.growthmetrics.deploy.kubernetes;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static io.growthmetrics.deploy.kubernetes.Manifests.cast;
import static io.growthmetrics.deploy.kubernetes.Manifests.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * When {@code kubectl} is on the PATH: {@code kubectl kustomize} (offline, no cluster) builds deploy/kubernetes (with
 * the secrets' example files as the secrets), giving exactly the objects ManifestsTest reads, in the namespace, and
 * the dashboards' ConfigMaps holding deploy/grafana's files unchanged. Skipped without kubectl: ManifestsTest is the
 * check, this one proves kustomize reads the files the same way.
 */
class KustomizeBuildTest {

    @Test
    void kubectlKustomizeBuildsWhatManifestsTestChecks(@TempDir Path work) throws Exception {
        assumeTrue(onPath("kubectl"), "kubectl is not installed");
        SourceTree tree = SourceTree.find();
        Path source = tree.path("deploy/kubernetes");
        Manifests manifests = new Manifests(source);
        Path copy = work.resolve("kubernetes");
        for (String file : manifests.usedFiles) {
            Path target = copy.resolve(file.endsWith(".env.example") ? file.substring(0, file.length() - 8) : file);
            Files.createDirectories(target.getParent());
            Files.copy(source.resolve(file), target);
        }
        Files.copy(source.resolve("kustomization.yaml"), copy.resolve("kustomization.yaml"));

        Process process = new ProcessBuilder("kubectl", "kustomize", copy.toString())
                .redirectErrorStream(false).start();
        byte[] out = process.getInputStream().readAllBytes();
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "kubectl kustomize did not finish");
        assertEquals(0, process.exitValue(), "kubectl kustomize failed: " + err);

        List<Map<String, Object>> built = new ArrayList<>();
        for (Object doc : new Yaml().loadAll(new String(out, StandardCharsets.UTF_8))) {
            if (doc != null) {
                built.add(cast(doc));
            }
        }
        assertEquals(manifests.objects.size(), built.size(), "kustomize built " + built.size() + " objects, "
                + "ManifestsTest reads " + manifests.objects.size());
        String namespace = (String) manifests.kustomization.get("namespace");
        for (Map<String, Object> object : built) {
            if (!"Namespace".equals(object.get("kind"))) {
                assertEquals(namespace, map(object, "metadata").get("namespace"), object.get("kind") + " "
                        + map(object, "metadata").get("name") + " outside " + namespace);
            }
            if ("ConfigMap".equals(object.get("kind"))
                    && "1".equals(map(map(object, "metadata"), "labels").get("grafana_dashboard"))) {
                Map<String, Object> data = map(object, "data");
                assertEquals(1, data.size());
                String key = data.keySet().iterator().next();
                assertEquals(Files.readString(tree.path("deploy/grafana/dashboards/" + key)), data.get(key),
                        "the built ConfigMap " + map(object, "metadata").get("name") + " differs from deploy/grafana/dashboards/"
                                + key);
            }
        }
    }

    private static boolean onPath(String command) throws IOException {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        try (Stream<String> dirs = Stream.of(path.split(File.pathSeparator))) {
            return dirs.anyMatch(d -> Files.isExecutable(Path.of(d, command)));
        }
    }
}
