package io.growthmetrics.support;

/**
 * A topic a service uses. Every topic of ours is replayed to rebuild state, so each is kept forever
 * ({@code retention.ms=-1}); a compacted one ({@code cleanup.policy=compact}) keeps the latest value per key.
 */
public record TopicSpec(String name, boolean compacted) {

    public static final String DEAD_LETTER_SUFFIX = ".dlq";

    /** A topic kept forever, every record (the default for ours). */
    public static TopicSpec history(String name) {
        return new TopicSpec(name, false);
    }

    /** A compacted topic: the latest value per key, kept forever. */
    public static TopicSpec compacted(String name) {
        return new TopicSpec(name, true);
    }

    /** The dead-letter topic of {@code topic} ({@code <topic>.dlq}), kept forever so a fix can replay it. */
    public static TopicSpec deadLetterOf(String topic) {
        return new TopicSpec(topic + DEAD_LETTER_SUFFIX, false);
    }
}
