package io.growthmetrics.api.rest;

import io.growthmetrics.api.domain.InvalidValueException;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Before any endpoint reads its parameters: a query parameter given twice ({@code ?from=…&from=…}) would silently
 * mean its first value, and an empty one ({@code ?date=}) would silently mean its default; both are a 400 naming
 * the parameter instead. Applies to every endpoint, so a new one cannot forget it.
 */
public class QueryParameterFilter {

    @ServerRequestFilter
    public void oneNonEmptyValueEach(UriInfo uri) {
        MultivaluedMap<String, String> parameters = uri.getQueryParameters(true);
        for (Map.Entry<String, List<String>> parameter : parameters.entrySet()) {
            String name = QueryParams.echo(parameter.getKey());
            List<String> values = parameter.getValue();
            if (values.size() > 1) {
                throw new InvalidValueException(name, "query parameter '" + name + "' is given " + values.size()
                        + " times; give it once");
            }
            if (values.isEmpty() || values.get(0) == null || values.get(0).isEmpty()) {
                throw new InvalidValueException(name, "query parameter '" + name + "' must not be empty; leave it out "
                        + "to use its default, if it has one");
            }
        }
    }
}
