package dev.tollgate.application.responses.port.in;

import dev.tollgate.application.relay.port.in.AuthenticatedKey;
import dev.tollgate.application.responses.port.out.ResponsesUpstreamPort.ForwardedReply;
import dev.tollgate.application.responses.port.out.StoredResponse;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * The Responses API's stored responses: kept after the answer was sent (never on the request's path), read, deleted
 * and cancelled by the key that made them only, and background responses run in Tollgate.
 */
public interface ResponsesUseCase {
    /** A new response of this caller, not yet stored: its id, time and expiry (the retention) filled in. */
    StoredResponse open(AuthenticatedKey caller, String model, boolean background, String inputItems);

    /** Keeps a response, after its answer was sent: queued for the asynchronous writer (dropped when it is full). */
    void record(StoredResponse response);

    /** The response of this key; empty for an unknown or expired id and for a response of another key. */
    Optional<StoredResponse> find(AuthenticatedKey caller, String id);

    /** Deletes the response of this key (on its channel too when that one keeps it); false when there is none. */
    boolean delete(AuthenticatedKey caller, String id);

    /**
     * Calls the response's own endpoint on the OpenAI or Azure channel that made it, with the channel's key; empty
     * when the channel does not keep responses (Tollgate's store answers) or is gone.
     */
    Optional<ForwardedReply> forward(StoredResponse response, String method, String pathAndQuery);

    /**
     * What a background run is given: whether it was cancelled, and the log its events go to ({@code null} when the
     * response was not asked as a stream).
     */
    record BackgroundRun(BooleanSupplier cancelled, ResponseEventLog events) {}

    /**
     * Runs a background response in Tollgate: stored at once as {@code queued}, then {@code in_progress}; {@code run}
     * relays it (told through its argument whether it was cancelled, and where its events go when {@code streamed})
     * and returns it finished. A streamed response's event log is open before this returns ({@link #events}) and
     * ends when the run ends.
     */
    StoredResponse runInBackground(
            StoredResponse queued, boolean streamed, Function<BackgroundRun, StoredResponse> run);

    /**
     * The events of a streamed background response of this key, while it runs on this node and for a while after;
     * empty for any other response (another key's, another node's, one not streamed, or one whose events were
     * dropped).
     */
    Optional<ResponseEventLog> events(AuthenticatedKey caller, String id);

    /**
     * Cancels a background response of this key that runs on this node: it ends at its next event, is billed for
     * what was generated, and stays {@code cancelled}. Empty when it is not running here.
     */
    Optional<StoredResponse> cancel(AuthenticatedKey caller, String id);
}
