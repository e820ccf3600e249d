package dev.tollgate.application.migration.service;

import dev.tollgate.application.account.port.in.ImportUserUseCase;
import dev.tollgate.application.account.port.in.ImportUserUseCase.Identity;
import dev.tollgate.application.account.port.in.ImportUserUseCase.ImportedUser;
import dev.tollgate.application.billing.port.in.WalletUseCase;
import dev.tollgate.application.common.Caller;
import dev.tollgate.application.migration.port.out.OneApiSnapshot.OneApiToken;
import dev.tollgate.application.migration.port.out.OneApiSnapshot.OneApiUser;
import dev.tollgate.application.token.port.in.ImportTokenUseCase;
import dev.tollgate.application.token.port.in.ImportTokenUseCase.ImportedKey;
import dev.tollgate.domain.account.UserId;
import dev.tollgate.domain.common.DomainException;
import dev.tollgate.domain.common.InvalidValueException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One-api users, their balances and their keys. A user becomes a user (one-api's root becomes Tollgate's root, whose
 * password stays), their remaining quota a wallet credit (kind {@code adjustment}; what they used there is named in
 * the reason, never spent again), their keys keys with the same secrets, paid by their wallet.
 */
class OneApiAccountImport {
    static final String USERS = "user";
    static final String BALANCES = "balance";
    static final String TOKENS = "token";
    private static final int ONE_API_ROOT = 100;
    private static final int ONE_API_ADMIN = 10;
    private static final int DELETED = 3;

    private final ImportUserUseCase users;
    private final ImportTokenUseCase tokens;
    private final WalletUseCase wallets;

    OneApiAccountImport(ImportUserUseCase users, ImportTokenUseCase tokens, WalletUseCase wallets) {
        this.users = users;
        this.tokens = tokens;
        this.wallets = wallets;
    }

    void runUsers(List<OneApiUser> rows, KindRun run, String actor) {
        run.start(rows.size());
        Set<String> names = new HashSet<>();
        Set<String> identities = new HashSet<>();
        boolean rootMapped = false;
        int displayNames = 0;
        ImportUserUseCase.Imported last = null;
        for (OneApiUser u : rows) {
            String id = String.valueOf(u.id());
            if (u.displayName() != null
                    && !u.displayName().isBlank()
                    && !u.displayName().equals(u.username())) {
                displayNames++;
            }
            if (run.alreadyDone(id)) {
                rootMapped |= u.role() >= ONE_API_ROOT;
                continue;
            }
            if (u.status() == DELETED) {
                run.skip(id, u.username(), "deleted in one-api");
                continue;
            }
            if (u.role() >= ONE_API_ROOT && !rootMapped) {
                rootMapped = true;
                run.note("one-api's root (#" + id + " " + u.username() + ") is Tollgate's root: its keys and "
                        + "balance go to root; root keeps its Tollgate password");
                run.created(id, UserId.ROOT.value());
                continue;
            }
            ImportedUser user = user(u, run, id, identities);
            if (!names.add(u.username() == null ? "" : u.username().toLowerCase(Locale.ROOT))) {
                run.skip(id, u.username(), "another one-api user has the same username");
                continue;
            }
            try {
                users.check(user);
            } catch (DomainException | InvalidValueException e) {
                run.skip(id, u.username(), e.getMessage());
                continue;
            }
            if (run.dryRun()) {
                run.created(id, KindRun.PLANNED);
                continue;
            }
            try {
                ImportUserUseCase.Imported imported = users.importUser(user, actor);
                imported.notes().forEach(n -> run.note("user #" + id + ": " + n));
                run.created(id, imported.userId());
                last = imported;
            } catch (RuntimeException e) {
                run.fail(id, u.username(), KindRun.reason(e));
            }
        }
        if (last != null) {
            // the views handle events in order: once the last user shows, every one does (wallets need them)
            users.awaitVisible(last);
        }
        if (displayNames > 0) {
            run.note(displayNames + " display names do not come across (users are known by their username here)");
        }
    }

    /** The user to import; an identity an earlier row of the source holds already is left out (and noted). */
    private static ImportedUser user(OneApiUser u, KindRun run, String id, Set<String> taken) {
        List<Identity> identities = new ArrayList<>();
        for (Identity identity :
                List.of(new Identity("feishu", trim(u.larkId())), new Identity("oidc", trim(u.oidcId())))) {
            if (identity.subject() == null) {
                continue;
            }
            if (taken.add(identity.provider() + ":" + identity.subject())) {
                identities.add(identity);
            } else {
                run.note("user #" + id + ": " + identity.provider() + " account not linked: another one-api user "
                        + "has it");
            }
        }
        if (present(u.githubId())) {
            run.note("user #" + id + ": GitHub account '" + u.githubId() + "' not linked (one-api keeps the GitHub "
                    + "login, Tollgate GitHub's numeric id): the user links it again once signed in");
        }
        if (present(u.wechatId())) {
            run.note("user #" + id + ": WeChat sign-in is not supported here; the WeChat link does not come across");
        }
        String hash = present(u.passwordHash()) ? u.passwordHash().trim() : null;
        return new ImportedUser(
                u.username(),
                hash,
                u.role() >= ONE_API_ADMIN ? "ADMIN" : "USER",
                u.status() == 1,
                u.email(),
                identities);
    }

    void runBalances(List<OneApiUser> rows, KindRun userRun, KindRun run, Caller caller) {
        run.start(rows.size());
        for (OneApiUser u : rows) {
            String id = String.valueOf(u.id());
            if (run.alreadyDone(id) || u.quota() <= 0) {
                continue;
            }
            String owner = userRun.targetOf(id).orElse(null);
            if (owner == null) {
                run.skip(id, u.username(), "the user is not imported");
                continue;
            }
            if (run.dryRun()) {
                run.created(id, KindRun.PLANNED);
                continue;
            }
            try {
                wallets.credit(
                        owner,
                        u.quota(),
                        "adjustment",
                        "one-api import: remaining quota of one-api user #" + id + " (used there: " + u.usedQuota()
                                + " units)",
                        caller);
                run.created(id, owner);
            } catch (RuntimeException e) {
                run.fail(id, u.username(), KindRun.reason(e));
            }
        }
    }

    void runTokens(List<OneApiToken> rows, List<OneApiUser> owners, KindRun userRun, KindRun run, String actor) {
        run.start(rows.size());
        Map<Long, String> groups = new HashMap<>();
        owners.forEach(u -> groups.put(u.id(), u.group()));
        Set<String> secrets = new HashSet<>();
        for (OneApiToken t : rows) {
            String id = String.valueOf(t.id());
            if (run.alreadyDone(id)) {
                continue;
            }
            String name = t.name() == null || t.name().isBlank()
                    ? "one-api key " + id
                    : t.name().length() > 100 ? t.name().substring(0, 100) : t.name();
            String owner = userRun.targetOf(String.valueOf(t.userId())).orElse(null);
            if (owner == null) {
                run.skip(id, name, "its owner (one-api user #" + t.userId() + ") is not imported");
                continue;
            }
            if (t.key() == null || !secrets.add(t.key().trim())) {
                run.skip(id, name, "another one-api key has the same secret");
                continue;
            }
            String group = groups.get(t.userId());
            ImportedKey key = new ImportedKey(
                    KindRun.PLANNED.equals(owner) ? "planned-owner" : owner,
                    t.key(),
                    name,
                    t.remainQuota(),
                    t.unlimitedQuota(),
                    t.expiredTime() < 0 ? null : Instant.ofEpochSecond(t.expiredTime()),
                    t.models(),
                    group == null || group.isBlank() ? null : group.trim(),
                    t.subnets(),
                    t.status() != 2);
            try {
                tokens.check(key);
            } catch (DomainException | InvalidValueException e) {
                run.skip(id, name, e.getMessage());
                continue;
            }
            if (run.dryRun()) {
                run.created(id, KindRun.PLANNED);
                continue;
            }
            try {
                run.created(id, tokens.importKey(key, actor));
            } catch (RuntimeException e) {
                run.fail(id, name, KindRun.reason(e));
            }
        }
    }

    private static String trim(String s) {
        return present(s) ? s.trim() : null;
    }

    private static boolean present(String s) {
        return s != null && !s.isBlank();
    }
}
