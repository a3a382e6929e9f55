package io.growthmetrics.revenue.stripe;

import com.stripe.exception.EventDataObjectDeserializationException;
import com.stripe.model.Coupon;
import com.stripe.model.Discount;
import com.stripe.model.Event;
import com.stripe.model.EventDataObjectDeserializer;
import com.stripe.model.Invoice;
import com.stripe.model.StripeObject;
import com.stripe.model.Subscription;
import io.growthmetrics.contracts.revenue.SubscriptionEvent;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a verified Stripe event means for revenue: the {@link SubscriptionEvent}s to publish (none or one).
 * <ul>
 *   <li>{@code customer.subscription.*}: the subscription in the event, normalized;</li>
 *   <li>{@code invoice.paid|payment_failed}, {@code customer.discount.*}: with an API key, the subscription they name,
 *       re-read from Stripe (its current state, dated by this event's {@code created}); without one, nothing: the
 *       subscription events carry the state (past_due arrives as customer.subscription.updated);</li>
 *   <li>{@code coupon.*}: the coupon's terms are remembered for resolving discounts; nothing published;</li>
 *   <li>anything else: ignored.</li>
 * </ul>
 */
public class WebhookEvents {

    private static final Logger LOG = Logger.getLogger(WebhookEvents.class);

    public static final Set<String> SUBSCRIPTION_TYPES = Set.of(
            "customer.subscription.created", "customer.subscription.updated", "customer.subscription.deleted",
            "customer.subscription.paused", "customer.subscription.resumed",
            "customer.subscription.pending_update_applied", "customer.subscription.pending_update_expired",
            "customer.subscription.trial_will_end");
    public static final Set<String> INVOICE_TYPES = Set.of("invoice.paid", "invoice.payment_failed");
    public static final Set<String> DISCOUNT_TYPES = Set.of("customer.discount.created", "customer.discount.updated",
            "customer.discount.deleted");
    public static final Set<String> COUPON_TYPES = Set.of("coupon.created", "coupon.updated", "coupon.deleted");
    public static final String DELETED = "customer.subscription.deleted";

    /** The outcome of one event. {@code status}: published, accepted, cached or ignored. */
    public record Outcome(String status, List<SubscriptionEvent> events, String detail) {

        static Outcome ignored(String detail) {
            return new Outcome("ignored", List.of(), detail);
        }

        static Outcome accepted(String detail) {
            return new Outcome("accepted", List.of(), detail);
        }
    }

    private final SubscriptionNormalizer normalizer;
    private final StripeObjectCache cache;
    private final StripeApi api;

    public WebhookEvents(SubscriptionNormalizer normalizer, StripeObjectCache cache, StripeApi api) {
        this.normalizer = normalizer;
        this.cache = cache;
        this.api = api;
    }

    /** Whether revenue-service does anything with events of this type. */
    public static boolean handled(String type) {
        return type != null && (SUBSCRIPTION_TYPES.contains(type) || INVOICE_TYPES.contains(type) || DISCOUNT_TYPES.contains(type)
                || COUPON_TYPES.contains(type));
    }

    public Outcome handle(Event event) throws UnreadableEventException, StripeUnavailableException {
        String type = event.getType();
        if (type == null || !handled(type)) {
            return Outcome.ignored("event type " + type + " does not affect revenue");
        }
        if (event.getId() == null || event.getCreated() == null) {
            throw new UnreadableEventException("The event has no id or no created time");
        }
        if (SUBSCRIPTION_TYPES.contains(type)) {
            Subscription sub = dataObject(event, Subscription.class);
            return published(event, sub, DELETED.equals(type));
        }
        if (COUPON_TYPES.contains(type)) {
            Coupon coupon = dataObject(event, Coupon.class);
            cache.learn(coupon);
            return new Outcome("cached", List.of(), "coupon " + coupon.getId() + " remembered");
        }
        String subscriptionId;
        if (INVOICE_TYPES.contains(type)) {
            Invoice invoice = dataObject(event, Invoice.class);
            subscriptionId = invoice.getParent() == null || invoice.getParent().getSubscriptionDetails() == null ? null
                    : invoice.getParent().getSubscriptionDetails().getSubscription();
            if (subscriptionId == null) {
                return Outcome.ignored("invoice " + invoice.getId() + " belongs to no subscription");
            }
        } else {
            Discount discount = dataObject(event, Discount.class);
            cache.learn(discount);
            subscriptionId = discount.getSubscription();
            if (subscriptionId == null) {
                return Outcome.ignored("discount " + discount.getId() + " is not on a subscription");
            }
        }
        if (!api.available()) {
            LOG.debugf("%s %s for %s: no STRIPE_API_KEY to re-read the subscription; the subscription events carry its "
                    + "state (a status change such as past_due arrives as customer.subscription.updated)", type,
                    event.getId(), subscriptionId);
            return Outcome.accepted("no STRIPE_API_KEY: subscription events carry the state");
        }
        Optional<Subscription> current = api.subscription(subscriptionId);
        if (current.isEmpty()) {
            return Outcome.accepted("subscription " + subscriptionId + " is not known to Stripe");
        }
        return published(event, current.get(), false);
    }

    private Outcome published(Event event, Subscription sub, boolean deleted) throws StripeUnavailableException,
            UnreadableEventException {
        if (sub.getId() == null) {
            throw new UnreadableEventException("The subscription in event " + event.getId() + " has no id");
        }
        SubscriptionNormalizer.Normalized normalized = normalizer.normalize(sub, event.getType() + " " + event.getId());
        SubscriptionEvent published = new SubscriptionEvent(SubscriptionEvent.SCHEMA_VERSION, event.getId(),
                event.getType(), Instant.ofEpochSecond(event.getCreated()), SubscriptionEvent.SOURCE_WEBHOOK, deleted,
                normalized.snapshot());
        return new Outcome("published", List.of(published), null);
    }

    /**
     * The event's {@code data.object}. stripe-java reads it only when the event's API version train (e.g. dahlia)
     * is the library's; for another train (an endpoint pinned to an older version) it is read as is, unsafely.
     */
    static <T extends StripeObject> T dataObject(Event event, Class<T> type) throws UnreadableEventException {
        EventDataObjectDeserializer deserializer = event.getDataObjectDeserializer();
        StripeObject object;
        try {
            object = deserializer.getObject().orElse(null);
            if (object == null) {
                object = deserializer.deserializeUnsafe();
            }
        } catch (EventDataObjectDeserializationException | RuntimeException e) {
            throw new UnreadableEventException("The " + event.getType() + " event's data.object cannot be read (API version "
                    + event.getApiVersion() + "): " + e.getMessage());
        }
        if (!type.isInstance(object)) {
            throw new UnreadableEventException("A " + event.getType() + " event must carry a "
                    + type.getSimpleName().toLowerCase(java.util.Locale.ROOT) + " in data.object, got "
                    + (object == null ? "nothing" : object.getClass().getSimpleName()));
        }
        return type.cast(object);
    }
}
