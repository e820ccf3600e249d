package dev.tollgate.archfixture.adapter.in.web;

import org.springframework.beans.factory.annotation.Value;

/** Wrong: a setting read with {@code @Value} instead of a validated {@code @ConfigurationProperties} record. */
public class SettingReadWithValue {
    private final int maxRetries;

    public SettingReadWithValue(@Value("${tollgate.relay.max-retries:2}") int maxRetries) {
        this.maxRetries = maxRetries;
    }

    int maxRetries() {
        return maxRetries;
    }
}
