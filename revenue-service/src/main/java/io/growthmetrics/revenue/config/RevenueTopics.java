package io.growthmetrics.revenue.config;

import io.growthmetrics.contracts.Topics;
import io.growthmetrics.support.ServiceTopics;
import io.growthmetrics.support.TopicSpec;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/** The topics revenue-service writes, created or verified at start-up (service-support's TopicStartup). */
@ApplicationScoped
public class RevenueTopics implements ServiceTopics {

    @Override
    public List<TopicSpec> topics() {
        return List.of(TopicSpec.history(Topics.REVENUE_SUBSCRIPTIONS_V1), TopicSpec.history(Topics.REVENUE_CONTRACTS_V1),
                TopicSpec.history(Topics.REVENUE_CARR_GOALS_V1), TopicSpec.history(Topics.REVENUE_PRODUCTS_V1),
                TopicSpec.compacted(Topics.REVENUE_STRIPE_TERMS_V1));
    }
}
