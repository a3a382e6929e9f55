package io.growthmetrics.api.domain;

/** An input the domain cannot work with; carries the name of the input so callers can point at it. */
public class InvalidValueException extends IllegalArgumentException {

    private final String parameter;

    public InvalidValueException(String parameter, String detail) {
        super(detail);
        this.parameter = parameter;
    }

    public String parameter() {
        return parameter;
    }
}
