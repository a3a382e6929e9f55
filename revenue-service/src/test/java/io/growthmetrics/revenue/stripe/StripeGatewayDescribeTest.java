package io.growthmetrics.revenue.stripe;

import com.stripe.exception.ApiConnectionException;
import com.stripe.exception.InvalidRequestException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What revenue-service logs of a Stripe error holds no e-mail address. */
class StripeGatewayDescribeTest {

    @Test
    void stripesSupportAddressAndEchoedEmailsAreNotLogged() {
        String connection = StripeGateway.describe(new ApiConnectionException("IOException during API request to"
                + " Stripe (https://api.stripe.com): Connection refused Please check your internet connection and try"
                + " again. If this problem persists, you should check Stripe's service status at"
                + " https://status.stripe.com/, or let us know at support@stripe.com."));
        assertFalse(connection.contains("@"), connection);
        String invalid = StripeGateway.describe(new InvalidRequestException("No such customer: 'jane.doe@customer.example'",
                "customer", "req_1", "resource_missing", 404, null));
        assertTrue(invalid.startsWith("HTTP 404 No such customer: '<e-mail>'"), invalid);
    }
}
