package dev.tollgate.application.billing.service;

import dev.tollgate.application.billing.port.in.CreatedRedemptionBatch;
import dev.tollgate.application.billing.port.in.RedemptionBatchView;
import dev.tollgate.application.billing.port.in.RedemptionCodeStatus;
import dev.tollgate.application.billing.port.in.RedemptionDirectory;
import dev.tollgate.application.billing.port.in.RedemptionThrottledException;
import dev.tollgate.application.billing.port.in.RedemptionUseCase;
import dev.tollgate.application.billing.port.in.WalletUseCase;
import dev.tollgate.application.billing.port.in.WalletView;
import dev.tollgate.application.billing.port.out.RedemptionJournalPort;
import dev.tollgate.application.common.ApiKeys;
import dev.tollgate.application.common.Caller;
import dev.tollgate.application.common.NotFoundException;
import dev.tollgate.application.common.ViewFreshness;
import dev.tollgate.application.common.port.out.ClockPort;
import dev.tollgate.application.common.port.out.IdGeneratorPort;
import dev.tollgate.domain.billing.BillingErrorCode;
import dev.tollgate.domain.billing.Wallet;
import dev.tollgate.domain.billing.command.CreateRedemptionBatchCommand;
import dev.tollgate.domain.billing.command.DisableRedemptionBatchCommand;
import dev.tollgate.domain.billing.event.CodeRedeemedEvent;
import dev.tollgate.domain.common.AccessErrorCode;
import dev.tollgate.domain.common.DomainException;
import dev.tollgate.domain.common.InvalidValueException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.commandhandling.gateway.CommandGateway;

/**
 * Redemption codes: 32 characters from a CSPRNG, stored as SHA-256 hashes. A redemption is recorded through the
 * {@link RedemptionJournalPort}, which refuses a second redemption of a code in the same transaction as the append
 * (G8); the credit itself is that event.
 */
public class RedemptionService implements RedemptionUseCase {
    static final int CODE_LENGTH = 32;
    static final int MAX_FAILURES = 10;
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Duration WINDOW = Duration.ofMinutes(1);
    private static final Duration VIEW_WAIT = Duration.ofSeconds(5);

    private final RedemptionDirectory directory;
    private final RedemptionJournalPort journal;
    private final WalletUseCase wallets;
    private final CommandGateway commands;
    private final ClockPort clock;
    private final IdGeneratorPort ids;
    private final ViewFreshness freshness;
    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

    public RedemptionService(
            RedemptionDirectory directory,
            RedemptionJournalPort journal,
            WalletUseCase wallets,
            CommandGateway commands,
            ClockPort clock,
            IdGeneratorPort ids,
            ViewFreshness freshness) {
        this.directory = directory;
        this.journal = journal;
        this.wallets = wallets;
        this.commands = commands;
        this.clock = clock;
        this.ids = ids;
        this.freshness = freshness;
    }

    @Override
    public CreatedRedemptionBatch createBatch(String name, int count, long value, Instant expiresAt, Caller caller) {
        requireAdmin(caller);
        if (count < 1 || count > CreateRedemptionBatchCommand.MAX_CODES) {
            throw new InvalidValueException(
                    "count", "a batch has 1 to " + CreateRedemptionBatchCommand.MAX_CODES + " codes");
        }
        List<String> codes = new ArrayList<>(count);
        List<String> hashes = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String code = newCode();
            codes.add(code);
            hashes.add(ApiKeys.hash(code));
        }
        String id = ids.newId();
        commands.sendAndWait(
                new CreateRedemptionBatchCommand(id, name, value, expiresAt, hashes, caller.actor(), clock.now()));
        freshness.await(id, 0, VIEW_WAIT);
        return new CreatedRedemptionBatch(directory.view(directory.batch(id).orElseThrow(), clock.now()), codes);
    }

    @Override
    public RedemptionBatchView disableBatch(String batchId, Caller caller) {
        requireAdmin(caller);
        batch(batchId);
        long version = commands.sendAndWait(new DisableRedemptionBatchCommand(batchId, caller.actor(), clock.now()));
        freshness.await(batchId, version, VIEW_WAIT);
        return directory.view(batch(batchId), clock.now());
    }

    @Override
    public void deleteBatch(String batchId, Caller caller) {
        requireAdmin(caller);
        batch(batchId);
        long version = commands.sendAndWait(new dev.tollgate.domain.billing.command.DeleteRedemptionBatchCommand(
                batchId, caller.actor(), clock.now()));
        freshness.await(batchId, version, VIEW_WAIT);
    }

    @Override
    public List<RedemptionCodeStatus> codes(String batchId, Caller caller) {
        requireAdmin(caller);
        return directory.codes(batch(batchId));
    }

    @Override
    public WalletView redeem(String code, Caller caller, String clientAddress) {
        return redeem(code, null, caller, clientAddress);
    }

    @Override
    public WalletView redeem(String code, String organizationId, Caller caller, String clientAddress) {
        // the wallet first: asking for an organisation one may not credit is not a guess at a code
        String owner = organizationId == null
                ? caller.userId()
                : wallets.organizationWallet(organizationId, caller).ownerId();
        String throttleKey = caller.userId() + "|" + clientAddress;
        Instant now = clock.now();
        checkThrottle(throttleKey, now);
        String hash = ApiKeys.hash(code == null ? "" : code.trim());
        RedemptionDirectory.Batch batch = directory.batchOf(hash).orElse(null);
        if (batch == null) {
            recordFailure(throttleKey, now);
            throw new DomainException(BillingErrorCode.CODE_INVALID, "this code does not exist");
        }
        if (batch.disabled()) {
            throw new DomainException(
                    BillingErrorCode.CODE_UNUSABLE,
                    directory.deleted(batch.id()) ? "this code's batch was deleted" : "this code's batch was disabled");
        }
        if (batch.expiresAt() != null && !now.isBefore(batch.expiresAt())) {
            throw new DomainException(BillingErrorCode.CODE_UNUSABLE, "this code has expired");
        }
        if (directory.redeemed(hash)) {
            throw new DomainException(BillingErrorCode.CODE_REDEEMED, "this code has been redeemed already");
        }
        String walletId = Wallet.idOf(owner);
        if (!journal.recordOnce(
                new CodeRedeemedEvent(hash, batch.id(), walletId, batch.value(), caller.actor(), now))) {
            throw new DomainException(BillingErrorCode.CODE_REDEEMED, "this code has been redeemed already");
        }
        freshness.await(RedemptionStreams.idOf(hash), 0, VIEW_WAIT);
        return organizationId == null
                ? wallets.wallet(caller.userId(), caller)
                : wallets.organizationWallet(organizationId, caller);
    }

    private RedemptionDirectory.Batch batch(String batchId) {
        return directory
                .batch(batchId)
                .orElseThrow(() -> new NotFoundException(
                        BillingErrorCode.BATCH_NOT_FOUND, "redemption batch " + batchId + " not found"));
    }

    private static String newCode() {
        StringBuilder sb = new StringBuilder(CODE_LENGTH);
        for (int i = 0; i < CODE_LENGTH; i++) {
            sb.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }

    private void checkThrottle(String key, Instant now) {
        Deque<Instant> recent = failures.get(key);
        if (recent == null) {
            return;
        }
        synchronized (recent) {
            while (!recent.isEmpty() && !recent.peekFirst().plus(WINDOW).isAfter(now)) {
                recent.pollFirst();
            }
            if (recent.size() >= MAX_FAILURES) {
                throw new RedemptionThrottledException(Math.max(
                        1,
                        Duration.between(now, recent.peekFirst().plus(WINDOW)).toSeconds() + 1));
            }
        }
    }

    private void recordFailure(String key, Instant now) {
        if (failures.size() > 100_000) {
            failures.clear();
        }
        Deque<Instant> recent = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
        synchronized (recent) {
            recent.addLast(now);
        }
    }

    private static void requireAdmin(Caller caller) {
        if (!caller.admin()) {
            throw new DomainException(
                    AccessErrorCode.ADMIN_REQUIRED, "only platform admins may manage redemption " + "codes");
        }
    }
}
