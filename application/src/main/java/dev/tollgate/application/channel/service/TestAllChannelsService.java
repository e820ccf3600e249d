package dev.tollgate.application.channel.service;

import dev.tollgate.application.channel.port.in.ChannelDirectory;
import dev.tollgate.application.channel.port.in.ChannelFilter;
import dev.tollgate.application.channel.port.in.ChannelTestReport;
import dev.tollgate.application.channel.port.in.ChannelTestReports;
import dev.tollgate.application.channel.port.in.ChannelTestResult;
import dev.tollgate.application.channel.port.in.ChannelView;
import dev.tollgate.application.channel.port.in.TestAllChannelsUseCase;
import dev.tollgate.application.channel.port.in.TestChannelUseCase;
import dev.tollgate.application.common.Caller;
import dev.tollgate.application.common.NotFoundException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/**
 * Tests the platform's channels (never an organisation's private ones) that match the filter, {@value #PARALLEL} at a
 * time on virtual threads; each test is the single-channel test, so its probe time-out bounds it. A channel without a
 * key is reported as failed without a request.
 */
public class TestAllChannelsService implements TestAllChannelsUseCase {
    /** Channels tested at the same time. */
    static final int PARALLEL = 8;

    private final ChannelDirectory channels;
    private final TestChannelUseCase tester;

    public TestAllChannelsService(ChannelDirectory channels, TestChannelUseCase tester) {
        this.channels = channels;
        this.tester = tester;
    }

    @Override
    public ChannelTestReports testAll(ChannelFilter filter, Caller caller) {
        caller.requireAdmin(ChannelService.ADMINS_ONLY);
        List<ChannelView> matching = channels.all().stream()
                .filter(c -> !c.privateChannel())
                .filter(filter::matches)
                .toList();
        List<ChannelView> tested = matching.subList(0, Math.min(MAX_CHANNELS, matching.size()));
        Semaphore slots = new Semaphore(PARALLEL);
        List<ChannelTestReport> reports = new ArrayList<>(tested.size());
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<ChannelTestResult>> results = new ArrayList<>(tested.size());
            for (ChannelView channel : tested) {
                results.add(threads.submit(() -> {
                    slots.acquire();
                    try {
                        return tester.test(channel.id(), null, null, caller);
                    } catch (NotFoundException e) {
                        return new ChannelTestResult(
                                false, 0, 0, null, "the channel has no key or is gone", "chat/completions");
                    } finally {
                        slots.release();
                    }
                }));
            }
            for (int i = 0; i < tested.size(); i++) {
                ChannelView c = tested.get(i);
                reports.add(new ChannelTestReport(c.id(), c.name(), c.type(), c.status(), result(results.get(i))));
            }
        }
        int succeeded = (int) reports.stream().filter(r -> r.result().success()).count();
        return new ChannelTestReports(reports, reports.size(), succeeded, matching.size() - tested.size());
    }

    private static ChannelTestResult result(Future<ChannelTestResult> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new ChannelTestResult(false, 0, 0, null, "interrupted", "chat/completions");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }
}
