package io.growthmetrics.support;

import java.util.List;

/** Topics this service cannot safely run on; the message names each topic, what is wrong and how to fix it. */
public class TopicVerificationException extends RuntimeException {

    private final List<String> problems;

    public TopicVerificationException(List<String> problems) {
        super("Refusing to start: Kafka topics are not fit for this service.\n  - " + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
