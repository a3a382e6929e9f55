package io.growthmetrics.api.domain;

/** What a request names does not exist (a 404); carries the name of the input that named it, if any. */
public class UnknownValueException extends RuntimeException {

    private final String parameter;

    public UnknownValueException(String parameter, String detail) {
        super(detail);
        this.parameter = parameter;
    }

    public String parameter() {
        return parameter;
    }
}
