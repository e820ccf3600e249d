package dev.tollgate.application.migration.port.out;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * A one-api database as read: its rows, in id order, and the option values the import understands. Option tables
 * that were present but could not be read as JSON are named in {@code optionProblems} (option name → reason);
 * {@code settings} holds one-api's sign-up and sign-in switches ({@code RegisterEnabled}, …) as stored.
 */
public record OneApiSnapshot(
        List<OneApiChannel> channels,
        List<OneApiUser> users,
        List<OneApiToken> tokens,
        List<OneApiRedemption> redemptions,
        Map<String, BigDecimal> modelRatio,
        Map<String, BigDecimal> completionRatio,
        Map<String, BigDecimal> groupRatio,
        Map<String, String> optionProblems,
        Map<String, String> settings) {

    public OneApiSnapshot {
        channels = List.copyOf(channels);
        users = List.copyOf(users);
        tokens = List.copyOf(tokens);
        redemptions = List.copyOf(redemptions);
        modelRatio = Map.copyOf(modelRatio);
        completionRatio = Map.copyOf(completionRatio);
        groupRatio = Map.copyOf(groupRatio);
        optionProblems = Map.copyOf(optionProblems);
        settings = Map.copyOf(settings);
    }

    /**
     * A row of {@code channels}. {@code keys} is the {@code key} column split on line breaks (blank lines dropped);
     * {@code models} and {@code groups} are the comma-separated columns split; {@code config} is the parsed
     * {@code config} JSON (strings only); {@code problem} names a column that could not be read (then the row is
     * reported, not imported).
     */
    public record OneApiChannel(
            long id,
            int type,
            String name,
            List<String> keys,
            int status,
            String baseUrl,
            List<String> models,
            List<String> groups,
            Map<String, String> modelMapping,
            long priority,
            long weight,
            Map<String, String> config,
            String other,
            String problem) {
        @Override
        public String toString() {
            return "OneApiChannel[id=" + id + ", type=" + type + ", name=" + name + ", keys=<" + keys.size()
                    + " hidden>]";
        }
    }

    /** A row of {@code users}; {@code passwordHash} is one-api's bcrypt hash (empty for accounts without one). */
    public record OneApiUser(
            long id,
            String username,
            String passwordHash,
            String displayName,
            int role,
            int status,
            String email,
            String githubId,
            String wechatId,
            String larkId,
            String oidcId,
            long quota,
            long usedQuota,
            String group) {
        @Override
        public String toString() {
            return "OneApiUser[id=" + id + ", username=" + username + ", role=" + role + ", status=" + status + "]";
        }
    }

    /**
     * A row of {@code tokens}: {@code key} is the secret as one-api stores it (without {@code sk-});
     * {@code expiredTime} is unix seconds or -1 for never; {@code models} and {@code subnets} split on commas.
     */
    public record OneApiToken(
            long id,
            long userId,
            String key,
            int status,
            String name,
            long createdTime,
            long expiredTime,
            long remainQuota,
            boolean unlimitedQuota,
            long usedQuota,
            List<String> models,
            List<String> subnets) {
        @Override
        public String toString() {
            return "OneApiToken[id=" + id + ", userId=" + userId + ", name=" + name + ", key=<hidden>]";
        }
    }

    /** A row of {@code redemptions}: status 1 unused, 2 disabled, 3 used. */
    public record OneApiRedemption(long id, String key, int status, String name, long quota, long createdTime) {
        @Override
        public String toString() {
            return "OneApiRedemption[id=" + id + ", name=" + name + ", status=" + status + ", key=<hidden>]";
        }
    }
}
