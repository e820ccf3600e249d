package dev.tollgate.application.migration.service;

import dev.tollgate.application.common.Caller;
import dev.tollgate.application.common.port.out.ClockPort;
import dev.tollgate.application.migration.port.in.ImportOneApiUseCase;
import dev.tollgate.application.migration.port.in.ImportProgressSink;
import dev.tollgate.application.migration.port.in.ImportReport;
import dev.tollgate.application.migration.port.out.ImportRecordPort;
import dev.tollgate.application.migration.port.out.OneApiSnapshot;
import dev.tollgate.application.migration.port.out.OneApiSourcePort;
import dev.tollgate.domain.account.UserId;
import dev.tollgate.domain.common.DomainException;
import dev.tollgate.domain.migration.MigrationErrorCode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Imports a one-api database kind by kind, in the order the kinds depend on each other: prices, channels, users, their
 * balances, their keys, redemption codes. Every change goes through the usual commands with the actor
 * {@value #ACTOR}. Within a kind, every row is checked before anything is sent; a row that cannot come across is
 * skipped with its reason, a row refused on the way is reported as failed and leaves nothing of itself behind, and each
 * row brought across is recorded at once, so that a second run (or a run after a failure) imports nothing twice.
 * One import runs at a time in a process.
 */
public class ImportOneApiService implements ImportOneApiUseCase {
    public static final String ACTOR = "import";
    static final String SOURCE = "one-api";

    private final OneApiSourcePort source;
    private final ImportRecordPort records;
    private final OneApiPriceImport prices;
    private final OneApiChannelImport channels;
    private final OneApiAccountImport accounts;
    private final OneApiCodeImport codes;
    private final ClockPort clock;
    private final ReentrantLock running = new ReentrantLock();

    public ImportOneApiService(
            OneApiSourcePort source, ImportRecordPort records, ImportCollaborators use, ClockPort clock) {
        this.source = source;
        this.records = records;
        this.prices = new OneApiPriceImport(use.ratios(), use.groupMultipliers());
        this.channels = new OneApiChannelImport(use.createChannel(), use.manageChannel());
        this.accounts = new OneApiAccountImport(use.users(), use.tokens(), use.wallets());
        this.codes = new OneApiCodeImport(use.commands(), use.redemptions(), use.ids(), clock);
        this.clock = clock;
    }

    @Override
    public ImportReport importOneApi(String location, boolean dryRun, ImportProgressSink progress, Caller caller) {
        if (!UserId.ROOT.value().equals(caller.userId())) {
            throw new DomainException(MigrationErrorCode.ROOT_REQUIRED, "only root imports from one-api");
        }
        if (!running.tryLock()) {
            throw new DomainException(MigrationErrorCode.IMPORT_RUNNING, "an import is running already");
        }
        try {
            progress.report("reading " + describe(location));
            OneApiSnapshot snapshot = source.read(location);
            progress.report("read " + snapshot.channels().size() + " channels, "
                    + snapshot.users().size()
                    + " users, " + snapshot.tokens().size() + " keys, "
                    + snapshot.redemptions().size()
                    + " redemption codes");
            Caller importer = caller.actingAs(ACTOR);
            List<ImportReport.Kind> kinds = new ArrayList<>();
            kinds.add(settings(snapshot, dryRun, progress));
            KindRun priceRun = run(OneApiPriceImport.KIND, dryRun, progress);
            prices.run(snapshot, priceRun, importer);
            kinds.add(priceRun.report());
            KindRun channelRun = run(OneApiChannelImport.KIND, dryRun, progress);
            channels.run(snapshot.channels(), channelRun, importer);
            kinds.add(channelRun.report());
            KindRun userRun = run(OneApiAccountImport.USERS, dryRun, progress);
            accounts.runUsers(snapshot.users(), userRun, ACTOR);
            kinds.add(userRun.report());
            KindRun balanceRun = run(OneApiAccountImport.BALANCES, dryRun, progress);
            accounts.runBalances(snapshot.users(), userRun, balanceRun, importer);
            kinds.add(balanceRun.report());
            KindRun tokenRun = run(OneApiAccountImport.TOKENS, dryRun, progress);
            accounts.runTokens(snapshot.tokens(), snapshot.users(), userRun, tokenRun, ACTOR);
            kinds.add(tokenRun.report());
            KindRun codeRun = run(OneApiCodeImport.KIND, dryRun, progress);
            codes.run(snapshot.redemptions(), codeRun, ACTOR);
            kinds.add(codeRun.report());
            return new ImportReport(dryRun, kinds);
        } finally {
            running.unlock();
        }
    }

    /**
     * One-api's sign-up and sign-in switches are reported, not applied: opening registration or changing the
     * incentives of a fresh installation is the operator's decision (one-api leaves registration open by default).
     */
    private ImportReport.Kind settings(OneApiSnapshot snapshot, boolean dryRun, ImportProgressSink progress) {
        KindRun run = run("setting", dryRun, progress);
        run.start(snapshot.settings().size());
        snapshot.settings()
                .forEach((name, value) -> run.note("one-api " + name + "=" + value + " is not applied: "
                        + switch (name) {
                            case "RegisterEnabled", "PasswordRegisterEnabled" ->
                                "set the registration mode with PUT /api/v1/settings/registration";
                            case "QuotaForNewUser", "QuotaForInviter", "QuotaForInvitee" ->
                                "set sign-up and invite rewards with PUT /api/v1/settings/incentives";
                            default -> "sign-in methods are configured by environment variables (README)";
                        }));
        return run.report();
    }

    private KindRun run(String kind, boolean dryRun, ImportProgressSink progress) {
        return new KindRun(kind, SOURCE, dryRun, records, progress, clock);
    }

    /** The location without credentials (a JDBC URL's parameters may hold a password). */
    static String describe(String location) {
        int q = location.indexOf('?');
        String shown = q < 0 ? location : location.substring(0, q) + "?…";
        return shown.replaceAll("//[^/@]*@", "//…@");
    }
}
