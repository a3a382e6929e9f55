package io.growthmetrics.kpi.config;

import io.growthmetrics.contracts.Topics;
import io.growthmetrics.support.ServiceTopics;
import io.growthmetrics.support.TopicSpec;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;

/**
 * The topics kpi-service consumes, and the dead-letter topic ({@code <topic>.dlq}) of each, created or verified at
 * start-up (service-support's TopicStartup). A topic consumed here must be listed here.
 */
@ApplicationScoped
public class KpiTopics implements ServiceTopics {

    /** Every topic kpi-service consumes (each has a dead-letter topic). */
    public static final List<String> CONSUMED = List.of(Topics.TELEMETRY_PINGS_V1, Topics.REVENUE_SUBSCRIPTIONS_V1,
            Topics.REVENUE_PRODUCTS_V1, Topics.REVENUE_CONTRACTS_V1, Topics.REVENUE_CARR_GOALS_V1,
            Topics.SNAPSHOTS_DAILY_V1, Topics.KPI_OBSERVATIONS_V1, Topics.ENGINEERING_PULL_REQUESTS_V1);

    @Override
    public List<TopicSpec> topics() {
        List<TopicSpec> topics = new ArrayList<>();
        for (String topic : CONSUMED) {
            topics.add(TopicSpec.history(topic));
            topics.add(TopicSpec.deadLetterOf(topic));
        }
        return topics;
    }
}
