package io.growthmetrics.deploy.kubernetes;

import io.growthmetrics.deploy.kubernetes.Manifests.K8s;
import io.growthmetrics.support.TopicSettings;
import io.growthmetrics.support.TopicSpec;
import io.growthmetrics.support.TopicVerifier;
import io.smallrye.config.WithDefault;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static io.growthmetrics.deploy.kubernetes.Manifests.cast;
import static io.growthmetrics.deploy.kubernetes.Manifests.list;
import static io.growthmetrics.deploy.kubernetes.Manifests.map;
import static io.growthmetrics.deploy.kubernetes.Manifests.path;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * deploy/kubernetes against the services' real configuration, read from the source tree: each Deployment's port,
 * probes, image and environment against its service's application.properties, @ConfigMapping interfaces and pom; the
 * KafkaTopics against the topics the services declare, configure and name, with the retention their start-up check
 * (TopicVerifier) requires; the database and Kafka coordinates against the CloudNativePG and Strimzi resources; the
 * ServiceMonitors against deploy/prometheus's jobs; the PrometheusRule and the dashboards' ConfigMaps against
 * deploy/prometheus and deploy/grafana. Each failure names the manifest, the service and the source it disagrees with.
 */
class ManifestsTest {

    /** The image convention: what quarkus.container-image builds with group=growthmetrics (name = artifactId, tag = version). */
    static final String IMAGE_GROUP = "growthmetrics";

    /** Instances per service (docs/scaling.md); single writers run once and are replaced by Recreate. */
    static final Map<String, Integer> REPLICAS = Map.of("telemetry-ingest", 2, "kpi-service", 2, "growth-api", 1,
            "snapshot-collector", 1, "revenue-service", 1);

    /** Why a service must never run twice at once, and the code that makes it so (checked to be still there). */
    static final Map<String, String[]> SINGLE_WRITERS = Map.of(
            "snapshot-collector", new String[] {"@Scheduled(identity = \"daily-snapshot\"",
                    "its daily snapshot is an in-process @Scheduled job: every instance would publish the day"},
            "revenue-service", new String[] {"class StripeTermsStore",
                    "its Stripe terms are read from revenue.stripe-terms.v1 at start-up only: a second instance would "
                            + "miss what the first learns"});

    /** Variables whose default is a demo value: a cluster must set them although the service starts without. */
    static final Map<String, String> SITE_SPECIFIC = Map.of("REVENUE_SELF_SERVICE_PRODUCTS",
            "its default is the demo catalog (application.properties: production sets the real Stripe product ids)");

    /** Variables read by the JVM, not by the configuration. */
    static final Set<String> JVM_VARIABLES = Set.of("JAVA_TOOL_OPTIONS", "MALLOC_ARENA_MAX");

    static final Set<String> HEALTH_PATHS = Set.of("/q/health/live", "/q/health/ready", "/q/health/started");
    static final Pattern SECRET_NAME = Pattern.compile(".*(TOKEN|SECRET|PASSWORD|_KEY)$");
    /** What the JVM takes beyond -Xmx (metaspace, code cache, threads, buffers), at least. */
    static final long NON_HEAP_MIB = 128;
    /** Head room over the RSS measured in docs/performance.md. */
    static final double RSS_HEADROOM = 1.15;

    static SourceTree tree;
    static Manifests manifests;

    @BeforeAll
    static void read() {
        tree = SourceTree.find();
        manifests = new Manifests(tree.path("deploy/kubernetes"));
        assertEquals(Set.of("telemetry-ingest", "snapshot-collector", "revenue-service", "kpi-service", "growth-api"),
                tree.services.keySet(), "the services found in the root pom's modules (a module with "
                        + "src/main/resources/application.properties setting quarkus.http.port)");
    }

    @Test
    void everyManifestFileIsPartOfTheKustomization() throws IOException {
        Path dir = manifests.dir;
        Set<String> onDisk = new TreeSet<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString().replace('\\', '/'))
                    .filter(p -> !p.startsWith("src/") && !p.startsWith("target/"))
                    .filter(p -> !Set.of("pom.xml", "README.md", "kustomization.yaml", "secrets/.gitignore").contains(p))
                    .filter(p -> !(p.startsWith("secrets/") && p.endsWith(".env"))) // the real secrets, git-ignored
                    .forEach(onDisk::add);
        }
        assertEquals(onDisk, new TreeSet<>(manifests.usedFiles),
                "every file of deploy/kubernetes must be a resource or a generator input of kustomization.yaml "
                        + "(a manifest left out would silently not be applied)");
        assertTrue(SourceTree.read(dir.resolve("secrets/.gitignore")).lines().anyMatch("*.env"::equals),
                "secrets/*.env hold the real secrets: secrets/.gitignore must keep them out of git");
    }

    @Test
    void eachServiceRunsItsImageOnItsConfiguredPort() {
        for (ServiceConfig service : tree.services.values()) {
            K8s deployment = manifests.get("Deployment", service.artifactId);
            Map<String, Object> container = container(deployment);
            assertEquals(IMAGE_GROUP + "/" + service.artifactId + ":" + tree.version, container.get("image"),
                    deployment + ": the image convention is " + IMAGE_GROUP + "/<artifactId>:<project version> "
                            + "(README.md)");
            Map<String, Object> http = namedPort(container, "http", deployment);
            assertEquals(service.port(), http.get("containerPort"), deployment + ": containerPort 'http' must be "
                    + "quarkus.http.port of " + service.dir.getFileName() + "/src/main/resources/application.properties");
            assertEquals(Boolean.FALSE, path(deployment.spec(), "template", "spec").get("enableServiceLinks"),
                    deployment + ": enableServiceLinks must be false (Quarkus would read a Service's injected "
                            + "<NAME>_PORT=tcp://... variables as configuration)");

            Map<String, Object> selector = path(deployment.spec(), "selector", "matchLabels");
            assertFalse(selector.isEmpty(), deployment + ": no selector");
            assertTrue(path(deployment.spec(), "template", "metadata", "labels").entrySet().containsAll(selector.entrySet()),
                    deployment + ": the pod template's labels must match the selector");

            K8s svc = manifests.get("Service", service.artifactId);
            assertEquals(selector, map(svc.spec(), "selector"), svc + " must select exactly the pods of " + deployment);
            for (Object p : list(svc.spec(), "ports")) {
                Object target = cast(p).get("targetPort");
                boolean matches = list(container, "ports").stream().map(Manifests::cast).anyMatch(
                        cp -> Objects.equals(cp.get("name"), target) || Objects.equals(cp.get("containerPort"), target));
                assertTrue(matches, svc + ": targetPort " + target + " is no container port of " + deployment);
            }
        }
    }

    @Test
    void probesAskTheRealHealthEndpointsOnTheNamedPort() {
        for (ServiceConfig service : tree.services.values()) {
            K8s deployment = manifests.get("Deployment", service.artifactId);
            assertTrue(service.dependsOn("quarkus-smallrye-health"), service + " has no quarkus-smallrye-health: no "
                    + "/q/health endpoints to probe");
            for (String moved : List.of("quarkus.http.root-path", "quarkus.http.non-application-root-path",
                    "quarkus.smallrye-health.root-path", "quarkus.smallrye-health.liveness-path",
                    "quarkus.smallrye-health.readiness-path", "quarkus.smallrye-health.startup-path")) {
                assertFalse(service.properties.containsKey(moved), service + " sets " + moved + ": the probes' "
                        + "paths in " + deployment.source() + " assume Quarkus' defaults");
            }
            Map<String, Object> container = container(deployment);
            Map<String, String> expected = Map.of("livenessProbe", "/q/health/live", "readinessProbe",
                    "/q/health/ready", "startupProbe", "/q/health/started");
            expected.forEach((probe, healthPath) -> {
                Map<String, Object> get = path(container, probe, "httpGet");
                assertEquals(healthPath, get.get("path"), deployment + ": " + probe + " must ask " + healthPath);
                assertTrue(HEALTH_PATHS.contains(get.get("path")));
                assertEquals("http", get.get("port"), deployment + ": " + probe + " must use the named port http");
            });
        }
    }

    @Test
    void serviceMonitorsScrapeEachServiceWhereDeployPrometheusDoes() {
        Map<String, Object> prometheus = new Yaml().load(SourceTree.read(tree.path("deploy/prometheus/prometheus.yml")));
        Map<String, String> jobs = new TreeMap<>();
        for (Object c : list(prometheus, "scrape_configs")) {
            jobs.put((String) cast(c).get("job_name"), (String) cast(c).get("metrics_path"));
        }
        assertEquals(new TreeSet<>(tree.services.keySet()), jobs.keySet(), "deploy/prometheus/prometheus.yml's jobs "
                + "are the services' names; the alert rules and dashboards select on them, and the Prometheus Operator "
                + "names a ServiceMonitor's job after the Service, so each Service must be named like its job");
        String interval = (String) map(prometheus, "global").get("scrape_interval");

        Map<String, Integer> monitorsPerService = new TreeMap<>();
        for (K8s monitor : manifests.all("ServiceMonitor")) {
            Map<String, Object> wanted = path(monitor.spec(), "selector", "matchLabels");
            List<K8s> selected = manifests.all("Service").stream()
                    .filter(s -> !wanted.isEmpty() && s.labels().entrySet().containsAll(wanted.entrySet())).toList();
            assertFalse(selected.isEmpty(), monitor + " selects no Service (matchLabels " + wanted + ")");
            assertFalse(list(monitor.spec(), "endpoints").isEmpty(), monitor + " has no endpoints");
            for (K8s svc : selected) {
                monitorsPerService.merge(svc.name(), 1, Integer::sum);
                assertTrue(jobs.containsKey(svc.name()), monitor + " scrapes " + svc + ", which is no job of "
                        + "deploy/prometheus/prometheus.yml: its series would carry a job no alert or dashboard knows");
                for (Object e : list(monitor.spec(), "endpoints")) {
                    Map<String, Object> endpoint = cast(e);
                    assertTrue(list(svc.spec(), "ports").stream().map(Manifests::cast)
                                    .anyMatch(p -> Objects.equals(p.get("name"), endpoint.get("port"))),
                            monitor + ": endpoint port " + endpoint.get("port") + " is no named port of " + svc);
                    assertEquals("/q/metrics", endpoint.get("path"), monitor + ": the services serve /q/metrics");
                    assertEquals(jobs.get(svc.name()), endpoint.get("path"), monitor + ": prometheus.yml's metrics_path");
                    assertEquals(interval, endpoint.get("interval"), monitor + ": prometheus.yml's scrape_interval "
                            + "(the alert rules' windows assume it)");
                }
            }
        }
        for (ServiceConfig service : tree.services.values()) {
            assertTrue(service.dependsOn("quarkus-micrometer-registry-prometheus"), service + " serves no /q/metrics");
            assertEquals(1, monitorsPerService.getOrDefault(service.artifactId, 0),
                    "exactly one ServiceMonitor must scrape " + service);
        }
    }

    @Test
    void eachDeploymentSetsExactlyTheVariablesItsServiceReads() {
        List<String> problems = new ArrayList<>();
        for (ServiceConfig service : tree.services.values()) {
            K8s deployment = manifests.get("Deployment", service.artifactId);
            Map<String, Map<String, Object>> env = env(deployment);
            for (String name : env.keySet()) {
                if (!JVM_VARIABLES.contains(name) && !service.reads(name)) {
                    problems.add(deployment + " sets " + name + ", which " + service + "'s configuration never reads "
                            + "(no ${" + name + "} in its application.properties, no property or @ConfigMapping "
                            + "property of that name): a typo, or a variable of another service");
                }
                if (SECRET_NAME.matcher(name).matches() && !cast(env.get(name).get("valueFrom")).containsKey("secretKeyRef")) {
                    problems.add(deployment + " sets the secret " + name + " other than from a Secret (secretKeyRef)");
                }
            }
            required(service).forEach((name, why) -> {
                if (!env.containsKey(name)) {
                    problems.add(deployment + " does not set " + name + ", which " + service + " needs on a "
                            + "cluster: " + why);
                }
            });
        }
        SITE_SPECIFIC.keySet().forEach(name -> assertTrue(tree.services.values().stream().anyMatch(s -> s.reads(name)),
                "no service reads " + name + " any more: remove it from ManifestsTest.SITE_SPECIFIC"));
        assertEquals(List.of(), problems);
    }

    @Test
    void everyConfigMapAndSecretReferencedExists() {
        String cnpgSecret = manifests.single("Cluster").name() + "-app";
        for (K8s deployment : manifests.all("Deployment")) {
            for (Map.Entry<String, Map<String, Object>> e : env(deployment).entrySet()) {
                Map<String, Object> from = cast(e.getValue().get("valueFrom"));
                Map<String, Object> cm = map(from, "configMapKeyRef");
                Map<String, Object> secret = map(from, "secretKeyRef");
                if (!cm.isEmpty()) {
                    K8s configMap = manifests.get("ConfigMap", (String) cm.get("name"));
                    assertTrue(map(configMap.doc(), "data").containsKey(cm.get("key")), deployment + ": " + e.getKey()
                            + " names key " + cm.get("key") + ", which " + configMap + " does not have");
                } else if (!secret.isEmpty()) {
                    String name = (String) secret.get("name");
                    if (name.equals(cnpgSecret)) {
                        assertTrue(Set.of("username", "password", "dbname", "host", "port").contains(secret.get("key")),
                                deployment + ": " + cnpgSecret + " (made by CloudNativePG) has no key " + secret.get("key"));
                    } else {
                        K8s s = manifests.get("Secret", name);
                        assertTrue(map(s.doc(), "data").containsKey(secret.get("key")), deployment + ": " + e.getKey()
                                + " names key " + secret.get("key") + ", which " + s + " does not have (its "
                                + ".env.example lists the keys)");
                    }
                }
            }
            for (Object v : list(path(deployment.spec(), "template", "spec"), "volumes")) {
                Map<String, Object> claim = map(cast(v), "persistentVolumeClaim");
                if (!claim.isEmpty()) {
                    manifests.get("PersistentVolumeClaim", (String) claim.get("claimName"));
                }
            }
        }
        for (K8s pdb : manifests.all("PodDisruptionBudget")) {
            Map<String, Object> wanted = path(pdb.spec(), "selector", "matchLabels");
            assertTrue(manifests.all("Deployment").stream().anyMatch(d -> !wanted.isEmpty()
                            && path(d.spec(), "template", "metadata", "labels").entrySet().containsAll(wanted.entrySet())),
                    pdb + " selects no Deployment's pods");
        }
    }

    @Test
    void theServicesUseTheCloudNativePgClusterAndItsOwner() {
        K8s cluster = manifests.single("Cluster");
        assertEquals("postgresql.cnpg.io/v1", cluster.doc().get("apiVersion"));
        assertEquals(3, cluster.spec().get("instances"), cluster + ": a primary and two replicas");
        Map<String, Object> initdb = path(cluster.spec(), "bootstrap", "initdb");
        String database = (String) initdb.get("database");
        String owner = (String) initdb.get("owner");
        String appSecret = cluster.name() + "-app";
        for (ServiceConfig service : tree.services.values()) {
            if (!service.reads("DB_HOST")) {
                continue;
            }
            K8s deployment = manifests.get("Deployment", service.artifactId);
            Map<String, Map<String, Object>> env = env(deployment);
            assertEquals(cluster.name() + "-rw", value(env, "DB_HOST", deployment),
                    deployment + ": DB_HOST must be the primary's service <cluster>-rw");
            assertEquals("5432", value(env, "DB_PORT", deployment), deployment + ": DB_PORT");
            assertEquals(database, value(env, "DB_NAME", deployment), deployment + ": DB_NAME must be the cluster's "
                    + "bootstrap.initdb.database");
            Map<String, Object> user = path(env.get("DB_USER"), "valueFrom", "secretKeyRef");
            if (user.isEmpty()) {
                assertEquals(owner, value(env, "DB_USER", deployment), deployment + ": DB_USER must be the owner");
            } else {
                assertEquals(Map.of("name", appSecret, "key", "username"), user, deployment + ": DB_USER from the "
                        + "operator's secret " + appSecret + " (its username is initdb.owner, " + owner + ")");
            }
            assertEquals(Map.of("name", appSecret, "key", "password"),
                    path(env.get("DB_PASSWORD"), "valueFrom", "secretKeyRef"),
                    deployment + ": DB_PASSWORD from the operator's secret " + appSecret);
        }

        // growth_reader: the read-only role the migrations grant to; the operator makes it, as the owner cannot.
        String migrations = SourceTree.files(tree.path("kpi-service/src/main/resources/db/migration"), ".sql").stream()
                .map(SourceTree::read).collect(Collectors.joining("\n"));
        Matcher role = Pattern.compile("CREATE ROLE (\\w+) NOLOGIN").matcher(migrations);
        assertTrue(role.find(), "kpi-service's migrations no longer create a NOLOGIN reader role: update "
                + "postgres/cluster.yaml and this test");
        Map<String, Map<String, Object>> roles = new LinkedHashMap<>();
        list(map(cluster.spec(), "managed"), "roles").forEach(r -> roles.put((String) cast(r).get("name"), cast(r)));
        assertTrue(roles.containsKey(role.group(1)), cluster + " must create the migrations' role " + role.group(1));
        assertEquals(Boolean.FALSE, roles.get(role.group(1)).get("login"), role.group(1) + " is NOLOGIN");
        for (Map<String, Object> r : roles.values()) {
            String secret = (String) map(r, "passwordSecret").get("name");
            if (secret != null) {
                K8s s = manifests.get("Secret", secret);
                assertEquals("kubernetes.io/basic-auth", s.doc().get("type"), s + ": CloudNativePG reads a basic-auth "
                        + "secret for role " + r.get("name"));
                assertEquals(Set.of("username", "password"), map(s.doc(), "data").keySet(), s + "'s keys");
            }
            list(r, "inRoles").forEach(in -> assertTrue(roles.containsKey(in) || in.toString().startsWith("pg_"),
                    "role " + r.get("name") + " is in " + in + ", which the cluster does not create"));
        }
    }

    @Test
    void kafkaIsThreeKraftNodesReplicatingEverythingThreeTimes() {
        K8s kafka = manifests.single("Kafka");
        Map<String, Object> annotations = path(kafka.doc(), "metadata", "annotations");
        assertEquals("enabled", annotations.get("strimzi.io/kraft"), kafka + ": KRaft");
        assertEquals("enabled", annotations.get("strimzi.io/node-pools"), kafka + ": node pools");
        Map<String, Object> config = path(kafka.spec(), "kafka", "config");
        assertEquals(3, config.get("default.replication.factor"), kafka.toString());
        assertEquals(2, config.get("min.insync.replicas"), kafka.toString());
        assertTrue(path(kafka.spec(), "entityOperator").containsKey("topicOperator"),
                kafka + ": the Topic Operator reconciles the KafkaTopics");

        K8s pool = manifests.single("KafkaNodePool");
        assertEquals(kafka.name(), pool.labels().get("strimzi.io/cluster"), pool + " must belong to " + kafka);
        assertEquals(3, pool.spec().get("replicas"), pool.toString());
        assertEquals(Set.of("broker", "controller"), Set.copyOf(list(pool.spec(), "roles")), pool.toString());
        Map<String, Object> storage = map(pool.spec(), "storage");
        List<Object> volumes = "jbod".equals(storage.get("type")) ? list(storage, "volumes") : List.of(storage);
        assertFalse(volumes.isEmpty(), pool + ": no storage");
        volumes.forEach(v -> assertEquals("persistent-claim", cast(v).get("type"), pool + ": topics are kept for "
                + "ever, their storage must be persistent"));

        // KAFKA_BOOTSTRAP_SERVERS: Strimzi's bootstrap service of a plain (non-TLS) listener: the services speak
        // PLAINTEXT (no security.protocol in any application.properties).
        Set<String> bootstraps = new LinkedHashSet<>();
        for (Object l : list(path(kafka.spec(), "kafka"), "listeners")) {
            Map<String, Object> listener = cast(l);
            if (Boolean.FALSE.equals(listener.get("tls")) && "internal".equals(listener.get("type"))) {
                bootstraps.add(kafka.name() + "-kafka-bootstrap:" + listener.get("port"));
            }
        }
        for (ServiceConfig service : tree.services.values()) {
            assertFalse(service.properties.stringPropertyNames().stream().anyMatch(k -> k.contains("security.protocol")),
                    service + " sets a security protocol: the listener must match it");
            if (service.reads("KAFKA_BOOTSTRAP_SERVERS")) {
                K8s deployment = manifests.get("Deployment", service.artifactId);
                String bootstrap = value(env(deployment), "KAFKA_BOOTSTRAP_SERVERS", deployment);
                assertTrue(bootstraps.contains(bootstrap), deployment + ": KAFKA_BOOTSTRAP_SERVERS " + bootstrap
                        + " must be one of " + bootstraps + " (<kafka>-kafka-bootstrap:<plain internal listener port>)");
            }
        }
    }

    @Test
    void everyTopicTheServicesUseIsAKafkaTopicKeptAsTheirStartUpCheckRequires() throws Exception {
        Map<String, TopicSpec> expected = new TreeMap<>();
        Map<String, Set<String>> users = new TreeMap<>();
        for (ServiceConfig service : tree.services.values()) {
            Map<String, TopicSpec> declared = service.declaredTopics();
            Set<String> used = new LinkedHashSet<>(declared.keySet());
            used.addAll(service.messagingTopics().keySet());
            used.addAll(service.namedTopics());
            for (String name : used) {
                TopicSpec spec = declared.getOrDefault(name, TopicSpec.history(name));
                TopicSpec before = expected.putIfAbsent(name, spec);
                if (before != null && declared.containsKey(name) && !before.equals(spec)) {
                    fail("services disagree on " + name + ": " + before + " vs " + spec + " (" + service + ")");
                }
                if (declared.containsKey(name)) {
                    expected.put(name, spec);
                }
                users.computeIfAbsent(name, n -> new TreeSet<>()).add(service.artifactId);
            }
            for (String name : service.messagingTopics().keySet()) {
                assertTrue(declared.containsKey(name), service + " configures a channel on " + name + " but its "
                        + "ServiceTopics does not declare it (it would not be verified at start-up)");
            }
        }
        assertTrue(expected.keySet().stream().anyMatch(t -> t.endsWith(TopicSpec.DEAD_LETTER_SUFFIX)),
                "no dead-letter topic found in the services' code: the parsing of ServiceTopics broke");

        K8s kafka = manifests.single("Kafka");
        int brokers = (Integer) manifests.single("KafkaNodePool").spec().get("replicas");
        int clusterMinIsr = (Integer) path(kafka.spec(), "kafka", "config").get("min.insync.replicas");
        int defaultPartitions = Integer.parseInt(
                TopicSettings.class.getMethod("partitions").getAnnotation(WithDefault.class).value());
        int requiredReplicas = 1;
        for (K8s deployment : manifests.all("Deployment")) {
            Map<String, Map<String, Object>> env = env(deployment);
            if (env.containsKey("GROWTH_TOPICS_PARTITIONS")) {
                defaultPartitions = Math.max(defaultPartitions,
                        Integer.parseInt(value(env, "GROWTH_TOPICS_PARTITIONS", deployment)));
            }
            if (env.containsKey("GROWTH_TOPICS_REPLICATION_FACTOR")) {
                requiredReplicas = Math.max(requiredReplicas,
                        Integer.parseInt(value(env, "GROWTH_TOPICS_REPLICATION_FACTOR", deployment)));
            }
        }

        Map<String, K8s> topics = new TreeMap<>();
        for (K8s topic : manifests.all("KafkaTopic")) {
            String name = (String) topic.spec().getOrDefault("topicName", topic.name());
            assertFalse(topics.containsKey(name), "two KafkaTopics for " + name);
            topics.put(name, topic);
        }
        assertEquals(expected.keySet(), topics.keySet(), "the KafkaTopics must be exactly the topics the services "
                + "read or write (" + users + "): a missing one stops a service's start (growth.topics.create=false), "
                + "an extra one is a typo or a topic no longer used");

        for (Map.Entry<String, TopicSpec> e : expected.entrySet()) {
            K8s topic = topics.get(e.getKey());
            Map<String, Object> spec = topic.spec();
            assertEquals(kafka.name(), topic.labels().get("strimzi.io/cluster"), topic + ": strimzi.io/cluster");
            int partitions = (Integer) spec.get("partitions");
            int replicas = (Integer) spec.get("replicas");
            assertTrue(partitions >= defaultPartitions, topic + ": " + partitions + " partitions, fewer than the "
                    + defaultPartitions + " a service would create (growth.topics.partitions)");
            assertEquals(3, replicas, topic + ": replicas");
            assertTrue(replicas <= brokers, topic + ": more replicas than brokers");
            assertTrue(replicas >= requiredReplicas, topic + ": fewer replicas than GROWTH_TOPICS_REPLICATION_FACTOR "
                    + requiredReplicas + ": the services would refuse to start");
            Map<String, Object> config = map(spec, "config");
            int minIsr = config.containsKey("min.insync.replicas")
                    ? Integer.parseInt(config.get("min.insync.replicas").toString()) : clusterMinIsr;
            assertTrue(minIsr >= 2 && minIsr < replicas, topic + ": min.insync.replicas " + minIsr + " must be at "
                    + "least 2 and leave one replica to lose (replicas " + replicas + ")");
            Map<String, String> actual = new TreeMap<>();
            config.forEach((k, v) -> actual.put(k, String.valueOf(v)));
            Map<String, String> required = new TreeMap<>(TopicVerifier.creationConfigs(e.getValue()));
            required.forEach((k, v) -> assertEquals(v, actual.get(k), topic + ": " + k + " must be " + v + ", what "
                    + "the services' TopicVerifier creates and checks at start-up for " + e.getValue()));
        }

        // A consumer group spreads over at most as many instances as its topic has partitions.
        for (ServiceConfig service : tree.services.values()) {
            int replicas = (Integer) manifests.get("Deployment", service.artifactId).spec().get("replicas");
            service.messagingTopics().forEach((name, direction) -> {
                if (direction.equals("incoming")) {
                    int partitions = (Integer) topics.get(name).spec().get("partitions");
                    assertTrue(replicas <= partitions, service + " runs " + replicas + " instances but " + name
                            + " has " + partitions + " partitions: the extra instances would consume nothing");
                }
            });
        }
    }

    @Test
    void kafkaUsingServicesCheckTopicsAgainstTheClusterNotCreateThem() {
        K8s kafka = manifests.single("Kafka");
        Object rf = path(kafka.spec(), "kafka", "config").get("default.replication.factor");
        for (ServiceConfig service : tree.services.values()) {
            if (!service.reads("KAFKA_BOOTSTRAP_SERVERS")) {
                continue;
            }
            K8s deployment = manifests.get("Deployment", service.artifactId);
            Map<String, Map<String, Object>> env = env(deployment);
            assertEquals("false", value(env, "GROWTH_TOPICS_CREATE", deployment), deployment + ": Strimzi's KafkaTopics "
                    + "own the topics; a service creating one would give it its own settings");
            assertEquals(String.valueOf(rf), value(env, "GROWTH_TOPICS_REPLICATION_FACTOR", deployment), deployment
                    + ": a topic with fewer replicas than the cluster's default.replication.factor must stop the start");
        }
    }

    @Test
    void replicasFollowWhatEachServiceCanShare() {
        for (ServiceConfig service : tree.services.values()) {
            K8s deployment = manifests.get("Deployment", service.artifactId);
            assertEquals(REPLICAS.get(service.artifactId), deployment.spec().get("replicas"), deployment
                    + ": replicas (docs/scaling.md)");
            Map<String, Object> strategy = map(deployment.spec(), "strategy");
            String[] singleWriter = SINGLE_WRITERS.get(service.artifactId);
            if (singleWriter != null) {
                assertTrue(service.codeContains(singleWriter[0]), service + " no longer contains '" + singleWriter[0]
                        + "': is it still a single writer (" + singleWriter[1] + ")? Update SINGLE_WRITERS, "
                        + deployment.source() + " and docs/scaling.md");
                assertEquals(1, deployment.spec().get("replicas"), deployment + ": " + singleWriter[1]);
                assertEquals("Recreate", strategy.get("type"), deployment + " must never overlap two instances "
                        + "during an update: " + singleWriter[1]);
            } else {
                assertEquals(0, map(strategy, "rollingUpdate").get("maxUnavailable"), deployment
                        + ": a rolling update must start the new instance before stopping an old one");
            }
            if ((Integer) deployment.spec().get("replicas") > 1) {
                assertTrue(manifests.all("PodDisruptionBudget").stream().anyMatch(p -> p.name().equals(service.artifactId)),
                        deployment + " runs several instances: a PodDisruptionBudget keeps one through node drains");
            }
        }
    }

    @Test
    void memoryFitsTheHeapOfDeployLocalAndTheMeasuredFootprint() {
        // The JVM options deploy/local runs every service with (ServiceProcess), which docs/performance.md measured.
        String launcher = SourceTree.read(tree.path(
                "deploy/local/src/main/java/io/growthmetrics/deploy/local/ServiceProcess.java"));
        Matcher command = Pattern.compile("JVM_OPTIONS = List\\.of\\(((?:\\s*\"-X[^\"]*\"\\s*,?)+)\\)").matcher(launcher);
        assertTrue(command.find(), "deploy/local's ServiceProcess no longer lists its JVM options in JVM_OPTIONS "
                + "as this test reads them: update the test");
        List<String> localOptions = new ArrayList<>();
        Matcher option = Pattern.compile("\"(-X[^\"]*)\"").matcher(command.group(1));
        while (option.find()) {
            localOptions.add(option.group(1));
        }
        Matcher environment = Pattern.compile("JVM_ENVIRONMENT = Map\\.of\\(\"(\\w+)\", \"([^\"]*)\"\\)").matcher(launcher);
        assertTrue(environment.find(), "deploy/local's ServiceProcess no longer sets one JVM_ENVIRONMENT variable as "
                + "this test reads it: update the test");
        Map<String, Long> rss = measuredRssMib();

        for (ServiceConfig service : tree.services.values()) {
            K8s deployment = manifests.get("Deployment", service.artifactId);
            String jvm = value(env(deployment), "JAVA_TOOL_OPTIONS", deployment);
            assertEquals(localOptions, Arrays.asList(jvm.trim().split("\\s+")), deployment + ": JAVA_TOOL_OPTIONS "
                    + "must be deploy/local's JVM options, which the figures of docs/performance.md were measured with");
            assertEquals(environment.group(2), value(env(deployment), environment.group(1), deployment), deployment
                    + ": " + environment.group(1) + " must be deploy/local's (ServiceProcess.JVM_ENVIRONMENT)");
            Matcher xmx = Pattern.compile("-Xmx(\\d+)([kKmMgG])").matcher(jvm);
            assertTrue(xmx.find(), deployment + ": no -Xmx");
            long heapMib = Long.parseLong(xmx.group(1)) * switch (Character.toLowerCase(xmx.group(2).charAt(0))) {
                case 'g' -> 1024L;
                case 'm' -> 1L;
                default -> 0L;
            };
            Map<String, Object> resources = map(container(deployment), "resources");
            long limit = mebibytes(path(resources, "limits").get("memory"), deployment);
            long request = mebibytes(path(resources, "requests").get("memory"), deployment);
            assertEquals(limit, request, deployment + ": memory request = limit (a pod is never killed for memory the "
                    + "node overcommitted)");
            assertTrue(limit >= heapMib + NON_HEAP_MIB, deployment + ": memory limit " + limit + "Mi leaves less than "
                    + NON_HEAP_MIB + "Mi beyond the " + heapMib + "Mi heap");
            Long measured = rss.get(service.artifactId);
            assertNotNull(measured, "docs/performance.md's Memory table has no RSS for " + service);
            assertTrue(limit >= measured * RSS_HEADROOM, deployment + ": memory limit " + limit + "Mi is below the "
                    + measured + " MB RSS docs/performance.md measured (+" + Math.round((RSS_HEADROOM - 1) * 100)
                    + " %): the pod would be OOM-killed");
            assertNotNull(path(resources, "requests").get("cpu"), deployment + ": a CPU request");
        }
    }

    @Test
    void thePrometheusRuleIsDeployPrometheusAlerts() {
        Map<String, Object> alerts = new Yaml().load(SourceTree.read(tree.path("deploy/prometheus/alerts.yml")));
        K8s rule = manifests.single("PrometheusRule");
        assertEquals("monitoring.coreos.com/v1", rule.doc().get("apiVersion"));
        assertEquals(alerts.get("groups"), rule.spec().get("groups"), rule + ": spec.groups must equal "
                + "deploy/prometheus/alerts.yml's groups (edit alerts.yml, where promtool tests them, then copy)");
    }

    @Test
    void dashboardsAndDatasourcesAreDeployGrafanasFiles() throws IOException {
        Map<String, Path> dashboards = new TreeMap<>();
        Map<String, Path> datasources = new TreeMap<>();
        for (K8s cm : manifests.all("ConfigMap")) {
            Map<String, Path> files = manifests.generatedFiles.getOrDefault(cm.name(), Map.of());
            if ("1".equals(cm.labels().get("grafana_dashboard"))) {
                files.forEach(dashboards::put);
            }
            if ("1".equals(cm.labels().get("grafana_datasource"))) {
                files.forEach(datasources::put);
            }
        }
        Map<String, Path> originals = new TreeMap<>();
        SourceTree.files(tree.path("deploy/grafana/dashboards"), ".json")
                .forEach(p -> originals.put(p.getFileName().toString(), p));
        assertFalse(originals.isEmpty(), "no dashboard in deploy/grafana/dashboards");
        assertEquals(originals.keySet(), dashboards.keySet(), "one grafana_dashboard ConfigMap key per dashboard of "
                + "deploy/grafana/dashboards");
        for (Map.Entry<String, Path> e : originals.entrySet()) {
            assertArrayEquals(Files.readAllBytes(e.getValue()), Files.readAllBytes(dashboards.get(e.getKey())),
                    dashboards.get(e.getKey()) + " differs from " + e.getValue() + ": copy it again (cp "
                            + "deploy/grafana/dashboards/*.json deploy/kubernetes/grafana/dashboards/)");
        }
        Map<String, Path> originalSources = new TreeMap<>();
        SourceTree.files(tree.path("deploy/grafana/provisioning/datasources"), ".yml")
                .forEach(p -> originalSources.put(p.getFileName().toString(), p));
        assertEquals(originalSources.keySet(), datasources.keySet(), "the grafana_datasource ConfigMap's keys");
        for (Map.Entry<String, Path> e : originalSources.entrySet()) {
            assertArrayEquals(Files.readAllBytes(e.getValue()), Files.readAllBytes(datasources.get(e.getKey())),
                    datasources.get(e.getKey()) + " differs from " + e.getValue());
        }
    }

    // ---- helpers

    /** What a service needs set on a cluster, with the reason. */
    static Map<String, String> required(ServiceConfig service) {
        Map<String, String> required = new TreeMap<>();
        for (ServiceConfig.EnvReference ref : service.envReferences()) {
            String name = ref.name();
            if (ref.defaultValue() == null) {
                required.put(name, "${" + name + "} has no default (" + ref.property() + ")");
            } else if (SECRET_NAME.matcher(name).matches()) {
                required.put(name, "a secret (" + ref.property() + "), set from growth-secrets even when empty");
            } else if (ref.defaultValue().contains("127.0.0.1") || ref.defaultValue().contains("localhost")) {
                required.put(name, "its default " + ref.defaultValue() + " is the machine itself (" + ref.property() + ")");
            } else if (name.startsWith("DB_")) {
                required.put(name, "the database's coordinates must be the CloudNativePG cluster's (" + ref.property() + ")");
            }
        }
        SITE_SPECIFIC.forEach((name, why) -> {
            if (service.reads(name)) {
                required.put(name, why);
            }
        });
        if (service.reads("KAFKA_BOOTSTRAP_SERVERS")) {
            required.put("GROWTH_TOPICS_CREATE", "the KafkaTopics own the topics");
            required.put("GROWTH_TOPICS_REPLICATION_FACTOR", "its default (1) accepts an unreplicated topic");
        }
        return required;
    }

    static Map<String, Object> container(K8s deployment) {
        List<Object> containers = list(path(deployment.spec(), "template", "spec"), "containers");
        assertEquals(1, containers.size(), deployment + ": one container");
        Map<String, Object> container = cast(containers.get(0));
        assertEquals(deployment.name(), container.get("name"), deployment + ": the container is named after it");
        return container;
    }

    static Map<String, Object> namedPort(Map<String, Object> container, String name, K8s deployment) {
        return list(container, "ports").stream().map(Manifests::cast).filter(p -> name.equals(p.get("name")))
                .findFirst().orElseThrow(() -> new AssertionError(deployment + ": no container port named " + name));
    }

    /** The container's variables by name (duplicates fail). */
    static Map<String, Map<String, Object>> env(K8s deployment) {
        Map<String, Object> container = container(deployment);
        assertTrue(list(container, "envFrom").isEmpty(), deployment + ": envFrom would hand the service every key of a "
                + "map or secret; name each variable");
        Map<String, Map<String, Object>> env = new LinkedHashMap<>();
        for (Object e : list(container, "env")) {
            Map<String, Object> variable = cast(e);
            Map<String, Object> before = env.put((String) variable.get("name"), variable);
            assertEquals(null, before, deployment + " sets " + variable.get("name") + " twice");
        }
        return env;
    }

    /** A variable's value: literal, or the ConfigMap key it names; a Secret's is not known here. */
    static String value(Map<String, Map<String, Object>> env, String name, K8s deployment) {
        Map<String, Object> variable = env.get(name);
        assertNotNull(variable, deployment + " does not set " + name);
        if (variable.containsKey("value")) {
            return String.valueOf(variable.get("value"));
        }
        Map<String, Object> ref = path(variable, "valueFrom", "configMapKeyRef");
        assertFalse(ref.isEmpty(), deployment + ": " + name + " must be a literal or a ConfigMap key here");
        K8s configMap = manifests.get("ConfigMap", (String) ref.get("name"));
        Object value = map(configMap.doc(), "data").get(ref.get("key"));
        assertNotNull(value, configMap + " has no key " + ref.get("key"));
        return String.valueOf(value);
    }

    static long mebibytes(Object quantity, K8s where) {
        assertNotNull(quantity, where + ": a memory quantity is missing");
        Matcher m = Pattern.compile("^(\\d+)(Mi|Gi)$").matcher(quantity.toString());
        assertTrue(m.find(), where + ": write memory in Mi or Gi, not " + quantity);
        return Long.parseLong(m.group(1)) * (m.group(2).equals("Gi") ? 1024 : 1);
    }

    /** docs/performance.md's "## Memory" table: | service | NNN MB |. */
    static Map<String, Long> measuredRssMib() {
        String doc = SourceTree.read(tree.path("docs/performance.md"));
        int section = doc.indexOf("## Memory");
        assertTrue(section >= 0, "docs/performance.md has no '## Memory' section with the services' RSS: the memory "
                + "limits of deploy/kubernetes are checked against it");
        int end = doc.indexOf("\n## ", section + 1);
        Matcher row = Pattern.compile("\\|\\s*([a-z-]+)\\s*\\|\\s*([\\d,]+)\\s*MB\\s*\\|")
                .matcher(doc.substring(section, end < 0 ? doc.length() : end));
        Map<String, Long> rss = new TreeMap<>();
        while (row.find()) {
            rss.put(row.group(1), Long.parseLong(row.group(2).replace(",", "")));
        }
        return rss;
    }
}
