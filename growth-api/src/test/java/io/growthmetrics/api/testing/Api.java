package io.growthmetrics.api.testing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.config.JsonConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.path.json.config.JsonPathConfig;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

/** Request helpers shared by the REST tests. */
public final class Api {

    /** Fractions as double: rest-assured's default float would turn 14204.29 into 14204.29003… */
    private static final RestAssuredConfig DOUBLES = RestAssuredConfig.config()
            .jsonConfig(JsonConfig.jsonConfig().numberReturnType(JsonPathConfig.NumberReturnType.DOUBLE));

    private Api() {
    }

    /** GET with query parameters given as name, value, name, value…; rest-assured encodes them. */
    public static ValidatableResponse get(String path, String... query) {
        RequestSpecification request = given().config(DOUBLES);
        for (int i = 0; i < query.length; i += 2) {
            request = request.queryParam(query[i], query[i + 1]);
        }
        return request.when().get(path).then();
    }

    /** A 400 problem+json (RFC 9457) naming the parameter, with nothing else in the body (no stack trace). */
    public static ValidatableResponse expectBadParameter(String parameter, String detailFragment, String path, String... query) {
        return get(path, query)
                .statusCode(400)
                .contentType("application/problem+json")
                .body("keySet()", containsInAnyOrder("type", "title", "status", "detail", "parameter"))
                .body("type", equalTo("about:blank"))
                .body("title", equalTo("Bad Request"))
                .body("status", equalTo(400))
                .body("parameter", equalTo(parameter))
                .body("detail", containsString(parameter))
                .body("detail", containsString(detailFragment));
    }
}
