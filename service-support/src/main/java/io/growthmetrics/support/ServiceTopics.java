package io.growthmetrics.support;

import java.util.List;

/**
 * The topics a service reads or writes (names from {@code io.growthmetrics.contracts.Topics}). A Kafka-using
 * service provides one bean of this type; {@link TopicStartup} creates or verifies them before it runs.
 */
public interface ServiceTopics {

    List<TopicSpec> topics();
}
