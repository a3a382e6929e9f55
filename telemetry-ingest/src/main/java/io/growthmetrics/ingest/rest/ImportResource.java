package io.growthmetrics.ingest.rest;

import io.growthmetrics.ingest.domain.InvalidPingException;
import io.growthmetrics.ingest.messaging.PingImporter;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.io.IOException;
import java.io.InputStream;

@Path("/admin/import/pings")
public class ImportResource {

    private final PingImporter importer;

    public ImportResource(PingImporter importer) {
        this.importer = importer;
    }

    @POST
    @RolesAllowed("admin")
    @Consumes({"text/csv", MediaType.TEXT_PLAIN, MediaType.APPLICATION_OCTET_STREAM})
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Import the old collector's pings table",
            description = "Body: `COPY pings TO STDOUT WITH CSV HEADER` output. Streams; idempotent (a row's event id "
                    + "derives from its instanceId and created_at). Answers the counts of rows imported and rejected, "
                    + "each rejection with its line number and reason. Needs `Authorization: Bearer <METRICS_ADMIN_TOKEN>`.")
    public Response importPings(InputStream csv) {
        try {
            return Response.ok(importer.importCsv(csv), MediaType.APPLICATION_JSON_TYPE).build();
        } catch (InvalidPingException e) {
            return CollectorReply.error(400, e.getMessage());
        } catch (PingImporter.KafkaUnavailableException e) {
            return CollectorReply.error(503, "Kafka became unavailable after " + e.imported
                    + " rows were imported; re-run the import later (it is idempotent)");
        } catch (IOException e) {
            return CollectorReply.error(400, "Could not read the request body: " + e.getMessage());
        }
    }
}
