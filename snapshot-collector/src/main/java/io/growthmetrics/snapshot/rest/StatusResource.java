package io.growthmetrics.snapshot.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.Map;

/** Placeholder until the snapshot collection is built: tells callers what this service will do. */
@Path("/")
public class StatusResource {

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, String> status() {
        return Map.of("service", "snapshot-collector", "status", "not built yet");
    }
}
