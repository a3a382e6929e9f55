package io.growthmetrics.deploy.kubernetes;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The repository as files: the root pom's modules and version, and the services among them (a module whose
 * {@code src/main/resources/application.properties} sets {@code quarkus.http.port}). Nothing is compiled or started.
 */
final class SourceTree {

    final Path root;
    final String version;
    final Map<String, ServiceConfig> services = new LinkedHashMap<>();

    private SourceTree(Path root) {
        this.root = root;
        Element project = pom(root.resolve("pom.xml"));
        this.version = child(project, "version");
        for (String module : children(child(project, "modules", true), "module")) {
            Path dir = root.resolve(module);
            if (Files.isRegularFile(dir.resolve("src/main/resources/application.properties"))) {
                ServiceConfig service = new ServiceConfig(this, dir);
                if (service.port() != null) {
                    services.put(service.artifactId, service);
                }
            }
        }
    }

    /** From the module's folder (Maven's working directory for the tests) up to the root pom of the project. */
    static SourceTree find() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            Path pom = dir.resolve("pom.xml");
            if (Files.isRegularFile(pom) && "growth-metrics-parent".equals(child(pom(pom), "artifactId"))) {
                return new SourceTree(dir);
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("no growth-metrics-parent pom above " + Path.of("").toAbsolutePath());
    }

    Path path(String relative) {
        return root.resolve(relative);
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Path> files(Path dir, String suffix) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).filter(p -> p.toString().endsWith(suffix)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Element pom(Path file) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Document document = factory.newDocumentBuilder().parse(file.toFile());
            return document.getDocumentElement();
        } catch (Exception e) {
            throw new IllegalStateException("cannot read " + file + ": " + e, e);
        }
    }

    static String child(Element parent, String name) {
        Element element = child(parent, name, true);
        return element.getTextContent().trim();
    }

    static Element child(Element parent, String name, boolean required) {
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            Node node = nodes.item(i);
            if (node instanceof Element element && element.getTagName().equals(name)) {
                return element;
            }
        }
        if (required) {
            throw new IllegalStateException("no <" + name + "> in <" + parent.getTagName() + ">");
        }
        return null;
    }

    static List<String> children(Element parent, String name) {
        List<String> values = new ArrayList<>();
        if (parent == null) {
            return values;
        }
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i) instanceof Element element && element.getTagName().equals(name)) {
                values.add(element.getTextContent().trim());
            }
        }
        return values;
    }
}
