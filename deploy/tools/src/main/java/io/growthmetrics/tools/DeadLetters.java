package io.growthmetrics.tools;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * {@code deploy/dead-letters}: lists the dead letters of a {@code <topic>.dlq} and replays them, once each, to the
 * topic they came from. The dead letters' format (architecture.md): the original key and value, headers
 * {@code dead-letter-reason}, {@code dead-letter-topic}, {@code dead-letter-partition}, {@code dead-letter-offset}.
 * <p>
 * A replay re-publishes the original key, bytes and headers to the {@code dead-letter-topic} (plus the header
 * {@code dead-letter-replayed: <dlq>/<partition>/<offset>}) and, in the same Kafka transaction, commits what has been
 * replayed as the offsets of the consumer group {@code dead-letter-replay.<dlq>} ({@link ReplayLedger}). Running it
 * twice replays nothing twice; a run that dies half-way leaves an aborted transaction, and the next run does it again.
 */
public final class DeadLetters {

    public static final String REPLAYED_HEADER = "dead-letter-replayed";
    public static final String DEFAULT_BOOTSTRAP = "127.0.0.1:9092";
    static final String GROUP_PREFIX = "dead-letter-replay.";
    /** What the dead-letter topic added; every other header is the original record's and is replayed with it. */
    static final Set<String> DEAD_LETTER_HEADERS = Set.of("dead-letter-reason", "dead-letter-topic",
            "dead-letter-partition", "dead-letter-offset");
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    static final String USAGE = """
            Usage: deploy/dead-letters [--bootstrap-servers HOST:PORT] list <topic>.dlq [--full]
                   deploy/dead-letters [--bootstrap-servers HOST:PORT] replay <topic>.dlq --all [--dry-run]
                   deploy/dead-letters [--bootstrap-servers HOST:PORT] replay <topic>.dlq --offset N [--partition P] [--dry-run]

            list    every dead letter: partition, offset, replayed or pending, size, key, original place, reason
                    (--full: the whole reason, not its first 120 characters)
            replay  re-publishes dead letters (original key and bytes) to the topic named by their
                    dead-letter-topic header, each once: what was replayed is committed with the records
                    (consumer group dead-letter-replay.<topic>.dlq), so a second run replays nothing twice.
                    --all: every pending one; --offset N: that one (--partition P when the .dlq has several);
                    --dry-run: only say what would be replayed.
            Broker: --bootstrap-servers, else KAFKA_BOOTSTRAP_SERVERS, else 127.0.0.1:9092.
            Exit status: 0 done, 1 something could not be done (said why), 2 usage.
            """;

    private final String bootstrap;
    private final PrintStream out;
    private final PrintStream err;

    DeadLetters(String bootstrap, PrintStream out, PrintStream err) {
        this.bootstrap = bootstrap;
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(run(List.of(args), System.getenv(), System.out, System.err));
    }

    /** The command line; returns the exit status. */
    public static int run(List<String> args, Map<String, String> env, PrintStream out, PrintStream err) {
        Command command;
        try {
            command = Command.parse(args, env);
        } catch (IllegalArgumentException e) {
            err.println("deploy/dead-letters: " + e.getMessage());
            err.print(USAGE);
            return 2;
        }
        if (command.help) {
            out.print(USAGE);
            return 0;
        }
        DeadLetters tool = new DeadLetters(command.bootstrap, out, err);
        try {
            return switch (command.action) {
                case "list" -> tool.list(command.dlq, command.full);
                case "replay" -> tool.replay(command.dlq, command.all, command.partition, command.offset, command.dryRun);
                default -> throw new IllegalStateException(command.action);
            };
        } catch (Problem e) {
            err.println("deploy/dead-letters: " + e.getMessage());
            return 1;
        } catch (RuntimeException e) {
            err.println("deploy/dead-letters: " + e);
            return 1;
        }
    }

    /** Something the operator must hear about; ends the run with status 1. */
    static final class Problem extends RuntimeException {
        Problem(String message) {
            super(message);
        }
    }

    // ---- list

    int list(String dlq, boolean full) {
        try (Admin admin = admin(); KafkaConsumer<byte[], byte[]> consumer = consumer(dlq)) {
            List<TopicPartition> partitions = partitions(admin, dlq);
            Map<TopicPartition, ReplayLedger> ledgers = ledgers(consumer, partitions);
            int total = 0;
            int pending = 0;
            out.printf("%-4s %-8s %-9s %8s  %-40s %-32s %s%n", "part", "offset", "status", "bytes", "key", "from",
                    "reason");
            for (TopicPartition tp : partitions) {
                ReplayLedger ledger = ledgers.get(tp);
                for (ConsumerRecord<byte[], byte[]> r : readAll(consumer, tp, null)) {
                    boolean replayed = ledger.isReplayed(r.offset());
                    total++;
                    pending += replayed ? 0 : 1;
                    String reason = header(r, "dead-letter-reason");
                    if (!full && reason != null && reason.length() > 120) {
                        reason = reason.substring(0, 120) + "...";
                    }
                    out.printf("%-4d %-8d %-9s %8d  %-40s %-32s %s%n", tp.partition(), r.offset(),
                            replayed ? "replayed" : "pending", r.value() == null ? 0 : r.value().length,
                            printable(r.key(), 40), origin(r), reason == null ? "(no reason)" : oneLine(reason));
                }
            }
            out.printf("%s: %d dead letters, %d pending, %d replayed%n", dlq, total, pending, total - pending);
            return 0;
        }
    }

    // ---- replay

    int replay(String dlq, boolean all, Integer partition, Long offset, boolean dryRun) {
        if (!dlq.endsWith(".dlq")) {
            throw new Problem("replay reads only dead-letter topics (<topic>.dlq), not " + dlq);
        }
        try (Admin admin = admin(); KafkaConsumer<byte[], byte[]> consumer = consumer(dlq)) {
            List<TopicPartition> partitions = partitions(admin, dlq);
            Set<String> topics = topics(admin);
            List<TopicPartition> selected = partitions;
            if (!all) {
                if (partition == null && partitions.size() > 1) {
                    throw new Problem(dlq + " has " + partitions.size() + " partitions: say which with --partition P"
                            + " (deploy/dead-letters list " + dlq + " shows them)");
                }
                int p = partition == null ? 0 : partition;
                selected = partitions.stream().filter(tp -> tp.partition() == p).toList();
                if (selected.isEmpty()) {
                    throw new Problem(dlq + " has no partition " + p);
                }
            }
            if (dryRun) {
                return dryRun(consumer, selected, topics, offset);
            }
            try (KafkaProducer<byte[], byte[]> producer = producer(dlq)) {
                producer.initTransactions();   // also aborts what a run that died left open
                int replayed = 0;
                int problems = 0;
                for (TopicPartition tp : selected) {
                    Outcome outcome = offset == null ? replayAll(consumer, producer, tp, topics)
                            : replayOne(consumer, producer, tp, offset, topics);
                    replayed += outcome.replayed;
                    problems += outcome.problems;
                }
                out.printf("%s: %d dead letters replayed%s%n", dlq, replayed,
                        problems == 0 ? "" : ", " + problems + " could not be (still pending, see above)");
                return problems == 0 ? 0 : 1;
            }
        }
    }

    private record Outcome(int replayed, int problems) {
    }

    private Outcome replayAll(KafkaConsumer<byte[], byte[]> consumer, KafkaProducer<byte[], byte[]> producer,
                              TopicPartition tp, Set<String> topics) {
        ReplayLedger ledger = ledgers(consumer, List.of(tp)).get(tp);
        long start = Math.max(ledger.watermark(), beginning(consumer, tp));
        long end = end(consumer, tp);
        consumer.seek(tp, start);
        long next = start;   // offsets between records (transaction markers, compacted away) are no dead letters
        int replayed = 0;
        int problems = 0;
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (consumer.position(tp, TIMEOUT) < end) {
            List<ConsumerRecord<byte[], byte[]>> batch = consumer.poll(Duration.ofMillis(500)).records(tp);
            if (batch.isEmpty()) {
                if (System.nanoTime() > deadline) {
                    throw new Problem("could not read " + tp + " up to offset " + end + " within "
                            + TIMEOUT.toSeconds() + " s");
                }
                continue;
            }
            deadline = System.nanoTime() + TIMEOUT.toNanos();
            producer.beginTransaction();
            try {
                for (ConsumerRecord<byte[], byte[]> r : batch) {
                    if (r.offset() >= end) {
                        break;
                    }
                    ledger.markRange(next, r.offset() - 1);
                    next = r.offset() + 1;
                    if (ledger.isReplayed(r.offset())) {
                        continue;
                    }
                    String target = target(r, topics);
                    if (target == null) {
                        problems++;
                        continue;
                    }
                    send(producer, r, target);
                    ledger.mark(r.offset());
                    replayed++;
                }
                if (!ledger.fits()) {
                    throw new Problem("too many dead letters in " + tp + " cannot be replayed to keep track of the"
                            + " rest; fix those first (nothing of this batch was replayed)");
                }
                producer.sendOffsetsToTransaction(Map.of(tp, new OffsetAndMetadata(ledger.watermark(),
                        ledger.metadata())), consumer.groupMetadata());
                producer.commitTransaction();
            } catch (RuntimeException e) {
                abortQuietly(producer);
                throw e;
            }
        }
        return new Outcome(replayed, problems);
    }

    private Outcome replayOne(KafkaConsumer<byte[], byte[]> consumer, KafkaProducer<byte[], byte[]> producer,
                              TopicPartition tp, long offset, Set<String> topics) {
        ReplayLedger ledger = ledgers(consumer, List.of(tp)).get(tp);
        ConsumerRecord<byte[], byte[]> r = readOne(consumer, tp, offset);
        if (ledger.isReplayed(offset)) {
            out.printf("%s offset %d was replayed before; not again%n", tp, offset);
            return new Outcome(0, 0);
        }
        String target = target(r, topics);
        if (target == null) {
            return new Outcome(0, 1);
        }
        ledger.mark(offset);
        if (!ledger.fits()) {
            throw new Problem("too many scattered single replays in " + tp + "; replay with --all");
        }
        producer.beginTransaction();
        try {
            send(producer, r, target);
            producer.sendOffsetsToTransaction(Map.of(tp, new OffsetAndMetadata(ledger.watermark(), ledger.metadata())),
                    consumer.groupMetadata());
            producer.commitTransaction();
        } catch (RuntimeException e) {
            abortQuietly(producer);
            throw e;
        }
        return new Outcome(1, 0);
    }

    private int dryRun(KafkaConsumer<byte[], byte[]> consumer, List<TopicPartition> selected, Set<String> topics,
                       Long offset) {
        Map<TopicPartition, ReplayLedger> ledgers = ledgers(consumer, selected);
        int would = 0;
        int problems = 0;
        for (TopicPartition tp : selected) {
            List<ConsumerRecord<byte[], byte[]>> records = offset == null ? readAll(consumer, tp, null)
                    : List.of(readOne(consumer, tp, offset));
            for (ConsumerRecord<byte[], byte[]> r : records) {
                if (ledgers.get(tp).isReplayed(r.offset())) {
                    continue;
                }
                String target = target(r, topics);
                if (target == null) {
                    problems++;
                } else {
                    would++;
                    out.printf("would replay %s offset %d (%d bytes, key %s) to %s%n", tp, r.offset(),
                            r.value() == null ? 0 : r.value().length, printable(r.key(), 40), target);
                }
            }
        }
        out.printf("dry run: %d dead letters would be replayed%s%n", would,
                problems == 0 ? "" : ", " + problems + " could not be");
        return problems == 0 ? 0 : 1;
    }

    private void send(KafkaProducer<byte[], byte[]> producer, ConsumerRecord<byte[], byte[]> r, String target) {
        RecordHeaders headers = new RecordHeaders();
        for (Header h : r.headers()) {   // the original record's headers (kpi-service keeps them on the dead letter)
            if (!DEAD_LETTER_HEADERS.contains(h.key()) && !h.key().equals(REPLAYED_HEADER)) {
                headers.add(h.key(), h.value());
            }
        }
        headers.add(REPLAYED_HEADER, (r.topic() + "/" + r.partition() + "/" + r.offset()).getBytes(StandardCharsets.UTF_8));
        producer.send(new ProducerRecord<>(target, null, r.key(), r.value(), headers));
    }

    /** The topic to replay to, or null (after saying why) when the dead letter does not name a usable one. */
    private String target(ConsumerRecord<byte[], byte[]> r, Set<String> topics) {
        String target = header(r, "dead-letter-topic");
        String where = r.topic() + "-" + r.partition() + " offset " + r.offset();
        if (target == null || target.isBlank()) {
            err.println(where + ": no dead-letter-topic header; not replayed");
            return null;
        }
        if (target.endsWith(".dlq")) {
            err.println(where + ": its dead-letter-topic is a dead-letter topic (" + target + "); not replayed");
            return null;
        }
        if (!topics.contains(target)) {
            err.println(where + ": its topic " + target + " does not exist; not replayed");
            return null;
        }
        return target;
    }

    private static void abortQuietly(KafkaProducer<byte[], byte[]> producer) {
        try {
            producer.abortTransaction();
        } catch (RuntimeException ignored) {
            // fenced or broken: the broker aborts it when the next run starts
        }
    }

    // ---- reading

    private Map<TopicPartition, ReplayLedger> ledgers(KafkaConsumer<byte[], byte[]> consumer,
                                                      List<TopicPartition> partitions) {
        Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(Set.copyOf(partitions), TIMEOUT);
        Map<TopicPartition, ReplayLedger> ledgers = new HashMap<>();
        for (TopicPartition tp : partitions) {
            OffsetAndMetadata c = committed.get(tp);
            ledgers.put(tp, c == null ? ReplayLedger.empty() : ReplayLedger.of(c.offset(), c.metadata()));
        }
        return ledgers;
    }

    /** Every record of the partition from {@code from} (null: its beginning) up to its current end. */
    private List<ConsumerRecord<byte[], byte[]>> readAll(KafkaConsumer<byte[], byte[]> consumer, TopicPartition tp,
                                                         Long from) {
        consumer.assign(List.of(tp));
        long end = end(consumer, tp);
        consumer.seek(tp, from == null ? beginning(consumer, tp) : from);
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (consumer.position(tp, TIMEOUT) < end) {
            List<ConsumerRecord<byte[], byte[]>> batch = consumer.poll(Duration.ofMillis(500)).records(tp);
            if (batch.isEmpty() && System.nanoTime() > deadline) {
                throw new Problem("could not read " + tp + " up to offset " + end + " within " + TIMEOUT.toSeconds() + " s");
            }
            for (ConsumerRecord<byte[], byte[]> r : batch) {
                if (r.offset() < end) {
                    records.add(r);
                }
            }
            if (!batch.isEmpty()) {
                deadline = System.nanoTime() + TIMEOUT.toNanos();
            }
        }
        return records;
    }

    private ConsumerRecord<byte[], byte[]> readOne(KafkaConsumer<byte[], byte[]> consumer, TopicPartition tp, long offset) {
        consumer.assign(List.of(tp));
        long beginning = beginning(consumer, tp);
        long end = end(consumer, tp);
        if (offset < beginning || offset >= end) {
            throw new Problem(tp + " has no dead letter at offset " + offset + " (its offsets: " + beginning + ".."
                    + (end - 1) + ")");
        }
        consumer.seek(tp, offset);
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline && consumer.position(tp, TIMEOUT) <= offset) {
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500)).records(tp)) {
                if (r.offset() == offset) {
                    return r;
                }
                if (r.offset() > offset) {
                    break;
                }
            }
        }
        throw new Problem(tp + " has no dead letter at offset " + offset);
    }

    private long beginning(KafkaConsumer<byte[], byte[]> consumer, TopicPartition tp) {
        consumer.assign(List.of(tp));
        return consumer.beginningOffsets(List.of(tp), TIMEOUT).get(tp);
    }

    private long end(KafkaConsumer<byte[], byte[]> consumer, TopicPartition tp) {
        consumer.assign(List.of(tp));
        return consumer.endOffsets(List.of(tp), TIMEOUT).get(tp);
    }

    private List<TopicPartition> partitions(Admin admin, String topic) {
        try {
            TopicDescription d = admin.describeTopics(List.of(topic)).allTopicNames().get(TIMEOUT.toSeconds(),
                    TimeUnit.SECONDS).get(topic);
            return d.partitions().stream().map(p -> new TopicPartition(topic, p.partition())).toList();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                throw new Problem("no topic " + topic + " on " + bootstrap);
            }
            throw new Problem("could not describe " + topic + " on " + bootstrap + ": " + e.getCause().getMessage());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new Problem("no answer from Kafka at " + bootstrap + " within " + TIMEOUT.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Problem("interrupted");
        }
    }

    private Set<String> topics(Admin admin) {
        try {
            return admin.listTopics().names().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new Problem("could not list the topics on " + bootstrap + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Problem("interrupted");
        }
    }

    // ---- clients

    private Admin admin() {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(AdminClientConfig.CLIENT_ID_CONFIG, "dead-letters-admin");
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        return Admin.create(p);
    }

    private KafkaConsumer<byte[], byte[]> consumer(String dlq) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, GROUP_PREFIX + dlq);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "dead-letters");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        return new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private KafkaProducer<byte[], byte[]> producer(String dlq) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "dead-letters-replay");
        // One transactional id per .dlq: a second replay of the same .dlq fences the first.
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, GROUP_PREFIX + dlq);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) TIMEOUT.toMillis());
        return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    }

    // ---- formatting

    static String header(ConsumerRecord<byte[], byte[]> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static String origin(ConsumerRecord<byte[], byte[]> r) {
        String topic = header(r, "dead-letter-topic");
        if (topic == null) {
            return "?";
        }
        return topic + "-" + header(r, "dead-letter-partition") + "@" + header(r, "dead-letter-offset");
    }

    /** UTF-8 text when the bytes are printable UTF-8 (shortened to {@code max}), else hex; "(null)" for none. */
    static String printable(byte[] bytes, int max) {
        if (bytes == null) {
            return "(null)";
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            if (text.codePoints().anyMatch(c -> Character.isISOControl(c))) {
                text = null;
            }
        } catch (CharacterCodingException e) {
            text = null;
        }
        if (text == null) {
            StringBuilder hex = new StringBuilder("0x");
            for (byte b : bytes) {
                hex.append(String.format("%02x", b));
            }
            text = hex.toString();
        }
        return text.length() > max ? text.substring(0, max - 3) + "..." : text;
    }

    private static String oneLine(String s) {
        return s.replaceAll("[\\r\\n\\t]+", " ");
    }

    // ---- command line

    static final class Command {
        String bootstrap;
        String action;
        String dlq;
        boolean all;
        boolean full;
        boolean dryRun;
        boolean help;
        Integer partition;
        Long offset;

        static Command parse(List<String> args, Map<String, String> env) {
            Command c = new Command();
            String fromEnv = env.get("KAFKA_BOOTSTRAP_SERVERS");
            c.bootstrap = fromEnv == null || fromEnv.isBlank() ? DEFAULT_BOOTSTRAP : fromEnv.trim();
            List<String> positional = new ArrayList<>();
            for (int i = 0; i < args.size(); i++) {
                String a = args.get(i);
                switch (a) {
                    case "--help", "-h" -> c.help = true;
                    case "--all" -> c.all = true;
                    case "--full" -> c.full = true;
                    case "--dry-run" -> c.dryRun = true;
                    case "--bootstrap-servers" -> c.bootstrap = value(args, ++i, a);
                    case "--offset" -> c.offset = number(value(args, ++i, a), a);
                    case "--partition" -> c.partition = Math.toIntExact(number(value(args, ++i, a), a));
                    default -> {
                        if (a.startsWith("--")) {
                            throw new IllegalArgumentException("unknown option " + a);
                        }
                        positional.add(a);
                    }
                }
            }
            if (c.help) {
                return c;
            }
            if (positional.size() != 2) {
                throw new IllegalArgumentException("expected a command (list or replay) and a topic");
            }
            c.action = positional.get(0);
            c.dlq = positional.get(1);
            switch (c.action) {
                case "list" -> {
                    if (c.all || c.offset != null || c.partition != null || c.dryRun) {
                        throw new IllegalArgumentException("list takes only --full");
                    }
                }
                case "replay" -> {
                    if (c.all == (c.offset != null)) {
                        throw new IllegalArgumentException("replay needs either --all or --offset N");
                    }
                    if (c.all && c.partition != null) {
                        throw new IllegalArgumentException("--partition goes with --offset");
                    }
                    if (c.full) {
                        throw new IllegalArgumentException("--full goes with list");
                    }
                }
                default -> throw new IllegalArgumentException("unknown command " + c.action);
            }
            return c;
        }

        private static String value(List<String> args, int i, String option) {
            if (i >= args.size() || args.get(i).startsWith("--")) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args.get(i);
        }

        private static long number(String s, String option) {
            try {
                long n = Long.parseLong(s.trim());
                if (n < 0) {
                    throw new IllegalArgumentException(option + " must not be negative: " + s);
                }
                return n;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(option + " needs a whole number: " + s);
            }
        }
    }
}
