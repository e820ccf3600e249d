package dev.tollgate.adapter.out.provider;

import dev.tollgate.adapter.out.provider.proxy.ProxiedClients;
import dev.tollgate.application.upstream.port.out.UpstreamChatRequest;
import dev.tollgate.application.upstream.port.out.UpstreamException;
import dev.tollgate.domain.channel.ChannelOptions;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The HTTP plumbing shared by the provider adapters: the JDK clients (HTTP/1.1, no redirects, virtual threads; one
 * per distinct connect time-out), sending a request with its first-byte time-out, and the answer bodies watched for
 * the idle and total time-outs.
 *
 * <p>One periodic sweep of a single watchdog thread enforces every time-out (first byte, idle, total): no timer is
 * created or cancelled per request or per read (timers per read measured as a few percent of the relay's CPU). The
 * first-byte time-out is enforced by the sweep rather than with {@code HttpRequest.timeout()} (the client's timer
 * queue is one contended lock per request) or a timed get (one timer per request).
 */
public final class UpstreamHttp {
    /** How often the watchdog looks at every pending request and open answer. */
    public static final long SWEEP_MILLIS = 50;
    /**
     * The most bytes a whole (non-streamed) answer may hold: ten large generated images in base64 fit; a provider that
     * sends more is treated as a broken answer rather than held in memory.
     */
    public static final int MAX_ANSWER_BYTES = 128 * 1024 * 1024;

    private final ProviderHttpSettings settings;
    private final boolean clientTimeoutNamesLimit;
    private final HttpClient http;
    /** Clients for channels with their own connect time-out (the JDK client's connect time-out is per client). */
    private final Map<Duration, HttpClient> clientsByConnectTimeout = new ConcurrentHashMap<>();

    private final ScheduledThreadPoolExecutor watchdog;
    /** Clients of the channels with an outbound proxy (always the JDK client, never {@link BlockingHttp1}). */
    private final ProxiedClients proxied = new ProxiedClients();
    /** Null: chat requests go through the JDK client. */
    private final BlockingHttp1 blocking;

    private final Set<PendingSend> sending = ConcurrentHashMap.newKeySet();
    private final Set<WatchedBody> open = ConcurrentHashMap.newKeySet();

    /** A request waiting for its answer's head, and when it must have arrived. */
    private static final class PendingSend {
        final CompletableFuture<?> future;
        final long deadline;
        volatile boolean expired;

        PendingSend(CompletableFuture<?> future, long deadline) {
            this.future = future;
            this.deadline = deadline;
        }
    }

    /**
     * @param settings     the connect time-out of the shared client and the default idle time-out
     * @param watchdogName the name of the watchdog thread
     */
    public UpstreamHttp(ProviderHttpSettings settings, String watchdogName) {
        this(settings, watchdogName, false);
    }

    /**
     * @param settings                the connect time-out of the shared client and the default idle time-out
     * @param watchdogName            the name of the watchdog thread
     * @param clientTimeoutNamesLimit whether a time-out reported by the HTTP client itself (a connect time-out) is
     *                                reported as "no answer ... within" the first-byte time-out, rather than as
     *                                "no answer" alone
     */
    public UpstreamHttp(ProviderHttpSettings settings, String watchdogName, boolean clientTimeoutNamesLimit) {
        this.settings = settings;
        this.clientTimeoutNamesLimit = clientTimeoutNamesLimit;
        this.http = newClient(settings.connectTimeout());
        this.blocking = settings.blocking() ? new BlockingHttp1() : null;
        this.watchdog = new ScheduledThreadPoolExecutor(
                1, Thread.ofPlatform().daemon().name(watchdogName).factory());
        this.watchdog.scheduleWithFixedDelay(this::sweep, SWEEP_MILLIS, SWEEP_MILLIS, TimeUnit.MILLISECONDS);
    }

    private static HttpClient newClient(Duration connectTimeout) {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(Executors.newVirtualThreadPerTaskExecutor())
                .build();
    }

    /** The shared client (with the settings' connect time-out). */
    public HttpClient client() {
        return http;
    }

    /**
     * The shared client, or one with the channel's own connect time-out ({@code options.connectTimeout}), or, for a
     * channel with an outbound proxy, the client of that proxy and upstream.
     */
    private HttpClient clientFor(HttpRequest httpRequest, UpstreamChatRequest request) {
        if (request.target().proxy() != null) {
            return proxied.client(
                    request.target().proxy(),
                    httpRequest.uri(),
                    ChannelOptions.timeout(request.target().options(), ChannelOptions.CONNECT_TIMEOUT)
                            .orElse(settings.connectTimeout()));
        }
        return ChannelOptions.timeout(request.target().options(), ChannelOptions.CONNECT_TIMEOUT)
                .filter(t -> !t.equals(settings.connectTimeout()))
                .map(t -> clientsByConnectTimeout.computeIfAbsent(t, UpstreamHttp::newClient))
                .orElse(http);
    }

    /**
     * Sends a request and waits for its answer's head, at most the request's first-byte time-out from now.
     *
     * @throws UpstreamException TIMEOUT when the head is late, CONNECT when the channel cannot be reached or the
     *                           request failed otherwise
     */
    public HttpResponse<InputStream> send(HttpRequest httpRequest, UpstreamChatRequest request)
            throws UpstreamException {
        return send(
                httpRequest,
                request,
                System.nanoTime() + request.firstByteTimeout().toNanos());
    }

    /**
     * Sends a request and waits for its answer's head until {@code deadline} ({@link System#nanoTime()}), for
     * adapters whose first-byte time-out also bounds work done before sending (a token exchange).
     *
     * @throws UpstreamException TIMEOUT when the head is late, CONNECT when the channel cannot be reached or the
     *                           request failed otherwise
     */
    public HttpResponse<InputStream> send(HttpRequest httpRequest, UpstreamChatRequest request, long deadline)
            throws UpstreamException {
        if (blocking != null && request.target().proxy() == null) {
            return sendBlocking(httpRequest, request, deadline);
        }
        CompletableFuture<HttpResponse<InputStream>> pending =
                clientFor(httpRequest, request).sendAsync(httpRequest, HttpResponse.BodyHandlers.ofInputStream());
        PendingSend watched = new PendingSend(pending, deadline);
        sending.add(watched);
        String channel = request.target().channelId();
        try {
            return pending.get();
        } catch (CancellationException e) {
            throw new UpstreamException(
                    UpstreamException.Kind.TIMEOUT,
                    "no answer from channel " + channel + " within " + request.firstByteTimeout(),
                    e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (watched.expired || clientTimeoutNamesLimit && cause instanceof HttpTimeoutException) {
                throw new UpstreamException(
                        UpstreamException.Kind.TIMEOUT,
                        "no answer from channel " + channel + " within " + request.firstByteTimeout(),
                        cause);
            }
            if (cause instanceof HttpTimeoutException) {
                throw new UpstreamException(UpstreamException.Kind.TIMEOUT, "no answer from channel " + channel, cause);
            }
            if (cause instanceof ConnectException
                    || cause instanceof UnresolvedAddressException
                    || cause != null && cause.getCause() instanceof ConnectException) {
                throw new UpstreamException(
                        UpstreamException.Kind.CONNECT, "cannot connect to channel " + channel, cause);
            }
            throw new UpstreamException(
                    UpstreamException.Kind.CONNECT,
                    "request to channel " + channel + " failed: "
                            + (cause == null ? "unknown" : cause.getClass().getSimpleName()),
                    cause);
        } catch (InterruptedException e) {
            pending.cancel(true);
            Thread.currentThread().interrupt();
            throw new UpstreamException(UpstreamException.Kind.CONNECT, "interrupted", e);
        } finally {
            sending.remove(watched);
        }
    }

    /** The request on this thread ({@link BlockingHttp1}); the same failures as through the JDK client. */
    private HttpResponse<InputStream> sendBlocking(HttpRequest httpRequest, UpstreamChatRequest request, long deadline)
            throws UpstreamException {
        String channel = request.target().channelId();
        Duration connectTimeout = ChannelOptions.timeout(request.target().options(), ChannelOptions.CONNECT_TIMEOUT)
                .orElse(settings.connectTimeout());
        BlockingHttp1.Lookup lookup = settings.addresses() == null
                ? BlockingHttp1.UNCHECKED
                : host -> {
                    try {
                        return settings.addresses().of(request.target(), host);
                    } catch (UpstreamException refused) {
                        throw new RefusedAddress(refused);
                    }
                };
        try {
            return blocking.send(httpRequest, connectTimeout, deadline, lookup);
        } catch (RefusedAddress e) {
            throw e.refusal;
        } catch (BlockingHttp1.HeadTimeout e) {
            throw new UpstreamException(
                    UpstreamException.Kind.TIMEOUT,
                    "no answer from channel " + channel + " within " + request.firstByteTimeout(),
                    e);
        } catch (BlockingHttp1.ConnectTimeout e) {
            throw new UpstreamException(
                    UpstreamException.Kind.TIMEOUT,
                    clientTimeoutNamesLimit
                            ? "no answer from channel " + channel + " within " + request.firstByteTimeout()
                            : "no answer from channel " + channel,
                    e);
        } catch (BlockingHttp1.ConnectFailure e) {
            throw new UpstreamException(UpstreamException.Kind.CONNECT, "cannot connect to channel " + channel, e);
        } catch (IOException e) {
            throw new UpstreamException(
                    UpstreamException.Kind.CONNECT,
                    "request to channel " + channel + " failed: " + e.getClass().getSimpleName(),
                    e);
        }
    }

    /** The address rules refused every address of the host: nothing was sent. */
    private static final class RefusedAddress extends IOException {
        final UpstreamException refusal;

        RefusedAddress(UpstreamException refusal) {
            super(refusal.getMessage(), refusal);
            this.refusal = refusal;
        }
    }

    /**
     * Watches an answer's body from now on: the channel's total time-out ({@code options.totalTimeout}) bounds the
     * whole answer, and while a read is armed the idle time-out ({@code options.idleTimeout}, else the settings'
     * stream idle time-out) bounds the silence. Either cuts the answer off by closing the body.
     */
    public WatchedBody watch(UpstreamChatRequest request, InputStream body) {
        WatchedBody watched = new WatchedBody(
                body,
                ChannelOptions.timeout(request.target().options(), ChannelOptions.IDLE_TIMEOUT)
                        .orElse(settings.streamIdleTimeout())
                        .toNanos(),
                ChannelOptions.timeout(request.target().options(), ChannelOptions.TOTAL_TIMEOUT)
                        .map(total -> Math.max(1, System.nanoTime() + total.toNanos()))
                        .orElse(0L));
        open.add(watched);
        return watched;
    }

    /** Cancels requests whose head is overdue and cuts off answers that stayed silent or ran too long. */
    private void sweep() {
        long now = System.nanoTime();
        for (PendingSend p : sending) {
            if (now - p.deadline >= 0) {
                p.expired = true;
                p.future.cancel(true);
            }
        }
        for (WatchedBody b : open) {
            b.check(now);
        }
    }

    /**
     * A read of an answer's body.
     *
     * @param <T> what the read returns
     */
    @FunctionalInterface
    public interface Read<T> {
        /** Reads. */
        T read() throws IOException;
    }

    /**
     * A stream up to its end, or its first {@code limit} bytes. What has already been received (usually the whole
     * answer) is read into an array of its size: {@code readNBytes} would zero a 16 KiB buffer first.
     */
    static byte[] receiveUpTo(InputStream in, int limit) throws IOException {
        int received = Math.min(in.available(), limit);
        if (received <= 0) {
            return in.readNBytes(limit);
        }
        byte[] head = new byte[received];
        int n = in.readNBytes(head, 0, received);
        if (n < received || received == limit) {
            return n < received ? Arrays.copyOf(head, n) : head;
        }
        int next = in.read();
        if (next < 0) {
            return head;
        }
        byte[] rest = in.readNBytes(limit - received - 1);
        byte[] all = Arrays.copyOf(head, received + 1 + rest.length);
        all[received] = (byte) next;
        System.arraycopy(rest, 0, all, received + 1, rest.length);
        return all;
    }

    /**
     * An answer's body that records the arrival time of every byte read, for the idle watchdog, and that the
     * watchdog closes when the answer stays silent during an armed read or outlives the total time-out.
     */
    public final class WatchedBody extends FilterInputStream {
        private final long idleNanos;
        /** {@link System#nanoTime()} by which the whole answer must be read, or 0 for no limit. */
        private final long deadline;
        /** When the last byte of the answer arrived ({@link System#nanoTime()}). */
        private volatile long lastActivity;
        /** A read is waiting for data (the idle time-out applies only then). */
        private volatile boolean reading;

        private volatile boolean timedOut;
        private volatile boolean totalExpired;
        private volatile boolean closed;

        private WatchedBody(InputStream in, long idleNanos, long deadline) {
            super(in);
            this.idleNanos = idleNanos;
            this.deadline = deadline;
        }

        /** The watchdog's look at this answer. */
        void check(long now) {
            if (deadline != 0 && now - deadline >= 0) {
                totalExpired = true;
                close();
            } else if (reading && now - lastActivity >= idleNanos) {
                timedOut = true;
                close();
            }
        }

        /**
         * Starts the idle watch of one read. Any byte that arrives (an event, a keep-alive comment) counts as
         * activity; the time between reads (while the client is being written to) does not count.
         */
        public void arm() {
            lastActivity = System.nanoTime();
            reading = true;
        }

        /** Ends the idle watch of a read. */
        public void disarm() {
            reading = false;
        }

        /**
         * The time-out that cut the answer off, as the exception to report for a failed or ended read, or null when
         * no time-out did.
         */
        public UpstreamException cutOff(IOException cause) {
            if (totalExpired) {
                return new UpstreamException(
                        UpstreamException.Kind.TIMEOUT,
                        "the answer took longer than the channel's total time-out",
                        cause);
            }
            if (timedOut) {
                return new UpstreamException(
                        UpstreamException.Kind.TIMEOUT,
                        "the stream was silent for longer than the idle time-out",
                        cause);
            }
            return null;
        }

        /**
         * One read watched for the idle time-out (armed while it waits). A failed read is reported as the time-out
         * that cut the answer off, or else as {@code BROKEN} with the given message.
         */
        public <T> T armed(Read<T> read, String failure) throws UpstreamException {
            return armed(read, e -> failure);
        }

        /** As {@link #armed(Read, String)}, with the {@code BROKEN} message chosen by the read's failure. */
        public <T> T armed(Read<T> read, Function<IOException, String> failure) throws UpstreamException {
            arm();
            try {
                return read.read();
            } catch (IOException e) {
                throw failed(e, failure.apply(e));
            } finally {
                disarm();
            }
        }

        /** Reads the whole body (bounded by the total time-out only), then closes it. */
        public byte[] readAll(String failure) throws UpstreamException {
            try {
                byte[] answer = receiveUpTo(this, MAX_ANSWER_BYTES + 1);
                if (answer.length > MAX_ANSWER_BYTES) {
                    throw new UpstreamException(
                            UpstreamException.Kind.BROKEN,
                            failure + ": the answer is larger than " + MAX_ANSWER_BYTES + " bytes",
                            null);
                }
                return answer;
            } catch (IOException e) {
                throw failed(e, failure);
            } finally {
                close();
            }
        }

        /** Reads at most {@code max} bytes of the body (bounded by the total time-out only), then closes it. */
        public byte[] readUpTo(int max, String failure) throws UpstreamException {
            try {
                return readNBytes(max);
            } catch (IOException e) {
                throw failed(e, failure);
            } finally {
                close();
            }
        }

        /** At the end of the body: throws the time-out that cut the answer off, if one did. */
        public void throwIfCutOff() throws UpstreamException {
            UpstreamException timeout = cutOff(null);
            if (timeout != null) {
                throw timeout;
            }
        }

        private UpstreamException failed(IOException e, String failure) {
            UpstreamException timeout = cutOff(e);
            return timeout != null ? timeout : new UpstreamException(UpstreamException.Kind.BROKEN, failure, e);
        }

        /** Whether the body was closed (by its reader or by the watchdog). */
        public boolean closed() {
            return closed;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                lastActivity = System.nanoTime();
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                lastActivity = System.nanoTime();
            }
            return n;
        }

        /** Stops watching and closes the body (once; later calls do nothing). */
        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            open.remove(this);
            try {
                in.close();
            } catch (IOException ignored) {
                // the connection is being dropped anyway
            }
        }
    }
}
