package dev.tollgate.application.responses.port.out;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The stored responses of {@code /v1/responses} (table {@code stored_response}). */
public interface ResponseStorePort {
    /** Inserts the responses, or replaces the status and body of those already stored (one batch). */
    void saveAll(List<StoredResponse> responses);

    /** The response with this id, unless it expired before {@code now}. */
    Optional<StoredResponse> find(String id, Instant now);

    /** Deletes the response; false when there was none. */
    boolean delete(String id);

    /** Deletes at most {@code limit} responses that expired before {@code now}; returns how many. */
    int deleteExpired(Instant now, int limit);
}
