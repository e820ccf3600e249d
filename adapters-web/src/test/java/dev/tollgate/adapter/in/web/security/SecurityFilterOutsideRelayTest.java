package dev.tollgate.adapter.in.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SecurityFilterOutsideRelayTest {
    @ParameterizedTest
    @ValueSource(
            strings = {
                "/v1/chat/completions",
                "/v1/models/gpt-4o-mini",
                "/v1/engines/text-embedding-3-small/embeddings",
                "/v1beta/models/gemini-2.0-flash:streamGenerateContent",
                "/v1/realtime",
                "/v1/responses/resp_01.abc"
            })
    void givenAPlainRelayPath_whenChecked_thenItGoesStraightOn(String uri) {
        assertThat(SecurityFilterOutsideRelay.plainRelayPath(uri)).as(uri).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/api/v1/tokens",
                "/",
                "/v1",
                "/v1beta",
                "/v1/../api/v1/users",
                "/v1//chat",
                "/v1/chat;x=1",
                "/v1/chat%2fcompletions",
                "/v1/chat/completions%00",
                "/v1/a b",
                "/dashboard/billing/usage",
                "/v10/x",
                "/v1/\u00e9"
            })
    void givenAnyOtherPath_whenChecked_thenItPassesTheSecurityFilter(String uri) {
        assertThat(SecurityFilterOutsideRelay.plainRelayPath(uri)).as(uri).isFalse();
    }
}
