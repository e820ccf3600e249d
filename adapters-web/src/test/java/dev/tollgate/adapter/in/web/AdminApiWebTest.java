package dev.tollgate.adapter.in.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.tollgate.adapter.in.web.auth.AuthController;
import dev.tollgate.adapter.in.web.channel.ChannelController;
import dev.tollgate.adapter.in.web.error.ApiExceptionHandler;
import dev.tollgate.adapter.in.web.error.Problems;
import dev.tollgate.adapter.in.web.error.RequestIdFilter;
import dev.tollgate.adapter.in.web.error.UnknownApiPathController;
import dev.tollgate.adapter.in.web.price.PriceController;
import dev.tollgate.adapter.in.web.security.AccessTokens;
import dev.tollgate.adapter.in.web.security.PersonalAccessTokens;
import dev.tollgate.adapter.in.web.security.SecurityConfiguration;
import dev.tollgate.adapter.in.web.token.TokenController;
import dev.tollgate.application.account.port.in.AccessTokenUseCase;
import dev.tollgate.application.account.port.in.AuthenticatedUser;
import dev.tollgate.application.account.port.in.LoginRefusedException;
import dev.tollgate.application.account.port.in.LoginThrottledException;
import dev.tollgate.application.account.port.in.LoginUseCase;
import dev.tollgate.application.account.port.in.SigningKeyUseCase;
import dev.tollgate.application.billing.port.in.GroupMultiplierUseCase;
import dev.tollgate.application.billing.port.in.ListPricesUseCase;
import dev.tollgate.application.billing.port.in.OneApiRatiosUseCase;
import dev.tollgate.application.billing.port.in.PriceQueryUseCase;
import dev.tollgate.application.billing.port.in.PriceView;
import dev.tollgate.application.billing.port.in.SetPriceUseCase;
import dev.tollgate.application.channel.port.in.ChannelBalanceUseCase;
import dev.tollgate.application.channel.port.in.ChannelChanges;
import dev.tollgate.application.channel.port.in.ChannelQueryUseCase;
import dev.tollgate.application.channel.port.in.ChannelView;
import dev.tollgate.application.channel.port.in.CreateChannelRequest;
import dev.tollgate.application.channel.port.in.CreateChannelUseCase;
import dev.tollgate.application.channel.port.in.ListChannelsUseCase;
import dev.tollgate.application.channel.port.in.ManageChannelUseCase;
import dev.tollgate.application.channel.port.in.TestChannelUseCase;
import dev.tollgate.application.common.Caller;
import dev.tollgate.application.common.port.in.IdempotencyUseCase;
import dev.tollgate.application.token.port.in.IssueTokenUseCase;
import dev.tollgate.application.token.port.in.ListTokensUseCase;
import dev.tollgate.application.token.port.in.ManageTokenUseCase;
import dev.tollgate.application.token.port.in.TokenQueryUseCase;
import dev.tollgate.domain.account.Role;
import dev.tollgate.domain.billing.Price;
import dev.tollgate.domain.common.AccessErrorCode;
import dev.tollgate.domain.common.DomainException;
import dev.tollgate.domain.common.InvalidValueException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.mockito.ArgumentMatchers;
import org.mockito.Mockito;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/** The admin API's HTTP contract: status codes, problem bodies, secrets never echoed, partial updates. */
@WebMvcTest(
        controllers = {
            AuthController.class,
            ChannelController.class,
            TokenController.class,
            PriceController.class,
            UnknownApiPathController.class
        })
@Import({
    SecurityConfiguration.class,
    AccessTokens.class,
    Problems.class,
    RequestIdFilter.class,
    PersonalAccessTokens.class,
    ApiExceptionHandler.class
})
class AdminApiWebTest {
    private static final String PROBLEM = "application/problem+json";

    @Autowired
    MockMvc mvc;

    @Autowired
    AccessTokens tokens;

    @MockitoBean
    SigningKeyUseCase signingKeys;

    @MockitoBean
    LoginUseCase login;

    @MockitoBean
    CreateChannelUseCase createChannel;

    @MockitoBean
    ManageChannelUseCase manageChannel;

    @MockitoBean
    ChannelQueryUseCase channelQuery;

    @MockitoBean
    ListChannelsUseCase channelLists;

    @MockitoBean
    TestChannelUseCase testChannel;

    @MockitoBean
    ChannelBalanceUseCase channelBalance;

    @MockitoBean
    dev.tollgate.application.channel.port.in.TestAllChannelsUseCase testAllChannels;

    @MockitoBean
    dev.tollgate.application.channel.port.in.UpstreamModelsUseCase upstreamModels;

    @MockitoBean
    dev.tollgate.application.account.port.in.SelfServiceUseCase selfService;

    @MockitoBean
    IdempotencyUseCase idempotency;

    @org.junit.jupiter.api.BeforeEach
    void everySessionIsValid() {
        when(selfService.sessionValid(any(), ArgumentMatchers.anyLong(), any())).thenReturn(true);
    }

    @MockitoBean
    IssueTokenUseCase issueToken;

    @MockitoBean
    ManageTokenUseCase manageToken;

    @MockitoBean
    TokenQueryUseCase tokenQuery;

    @MockitoBean
    ListTokensUseCase tokenLists;

    @MockitoBean
    SetPriceUseCase setPrice;

    @MockitoBean
    PriceQueryUseCase priceQuery;

    @MockitoBean
    ListPricesUseCase priceLists;

    @MockitoBean
    OneApiRatiosUseCase oneApiRatios;

    @MockitoBean
    AccessTokenUseCase accessTokens;

    @MockitoBean
    GroupMultiplierUseCase groupMultipliers;

    @BeforeEach
    void key() {
        when(signingKeys.signingKey()).thenReturn("f9e8d7c6b5a4f9e8d7c6b5a4f9e8d7c6b5a4f9e8".getBytes());
    }

    private String bearer(Role role) {
        return "Bearer " + tokens.issue(new AuthenticatedUser("u-" + role, "user", role));
    }

    private static ChannelView channel() {
        return new ChannelView(
                "c1",
                "main",
                "openai",
                "https://api.example.com",
                List.of("sk-****1234"),
                List.of("gpt-4o-mini"),
                Map.of(),
                List.of("default"),
                0,
                1,
                null,
                Map.of(),
                "enabled",
                Instant.EPOCH,
                Instant.EPOCH,
                null);
    }

    @Test
    void givenAWrongPassword_whenLoggingIn_then401ProblemWithCodeAndTraceId() throws Exception {
        // given
        when(login.login(anyString(), anyString(), anyString())).thenThrow(new LoginRefusedException());

        // when / then
        mvc.perform(post("/api/v1/auth/login")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"username\":\"root\",\"password\":\"wrong\"}"))
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentTypeCompatibleWith(PROBLEM))
                .andExpect(jsonPath("$.status").value(401))
                .andExpect(jsonPath("$.code").value("invalid_credentials"))
                .andExpect(jsonPath("$.traceId").isNotEmpty())
                .andExpect(header().exists("X-Request-Id"));
    }

    @Test
    void givenTooManyFailures_whenLoggingIn_then429WithRetryAfter() throws Exception {
        // given
        when(login.login(anyString(), anyString(), anyString())).thenThrow(new LoginThrottledException(42));

        // when / then
        mvc.perform(post("/api/v1/auth/login")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"username\":\"root\",\"password\":\"wrong\"}"))
                .andExpect(status().isTooManyRequests())
                .andExpect(header().string("Retry-After", "42"))
                .andExpect(jsonPath("$.code").value("too_many_login_attempts"));
    }

    @Test
    void givenTheRightPassword_whenLoggingIn_thenABearerTokenThatOpensTheApi() throws Exception {
        // given
        when(login.login("root", "right-password", "127.0.0.1"))
                .thenReturn(new AuthenticatedUser("root", "root", Role.ROOT));
        when(channelQuery.get(eq("c1"), any())).thenReturn(channel());

        // when
        String body = mvc.perform(post("/api/v1/auth/login")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"username\":\"root\",\"password\":\"right-password\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.tokenType").value("Bearer"))
                .andExpect(jsonPath("$.expiresIn").value(43200))
                .andReturn()
                .getResponse()
                .getContentAsString();
        String token = body.replaceAll(".*\"accessToken\":\"([^\"]+)\".*", "$1");

        // then
        mvc.perform(get("/api/v1/channels/c1").header("Authorization", "Bearer " + token))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.id").value("c1"));
    }

    @Test
    void givenNoOrABadToken_whenCallingTheApi_then401Problem() throws Exception {
        mvc.perform(get("/api/v1/channels"))
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentTypeCompatibleWith(PROBLEM))
                .andExpect(jsonPath("$.code").value("unauthorized"));
        mvc.perform(get("/api/v1/channels").header("Authorization", "Bearer not.a.jwt"))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.code").value("unauthorized"));
    }

    @Test
    void givenAUserWhoIsNoAdmin_whenTheUseCaseRefuses_then403Problem() throws Exception {
        // given
        when(channelLists.list(any(), any(), any(), any(), any(), any(), anyInt(), anyInt()))
                .thenThrow(new DomainException(
                        AccessErrorCode.ADMIN_REQUIRED, "only platform admins may manage channels"));

        // when / then
        mvc.perform(get("/api/v1/channels").header("Authorization", bearer(Role.USER)))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.code").value("admin_required"));
    }

    @Test
    void givenANewChannel_whenCreated_then201WithLocationAndTheClearKeyIsPassedOnButNeverEchoed() throws Exception {
        // given
        when(createChannel.create(any(), any())).thenReturn(channel());
        String secret = "sk-clear-upstream-secret-1234";

        // when
        String response = mvc.perform(post("/api/v1/channels")
                        .header("Authorization", bearer(Role.ROOT))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"main\",\"type\":\"openai\",\"baseUrl\":\"https://api.example.com\","
                                + "\"keys\":[\"" + secret + "\"],\"models\":[\"gpt-4o-mini\"]}"))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", "/api/v1/channels/c1"))
                .andReturn()
                .getResponse()
                .getContentAsString();

        // then
        ArgumentCaptor<CreateChannelRequest> request = ArgumentCaptor.forClass(CreateChannelRequest.class);
        ArgumentCaptor<Caller> caller = ArgumentCaptor.forClass(Caller.class);
        verify(createChannel).create(request.capture(), caller.capture());
        assertThat(request.getValue().keys()).containsExactly(secret);
        assertThat(request.getValue().weight()).isEqualTo(1);
        assertThat(caller.getValue().admin()).isTrue();
        assertThat(response).doesNotContain(secret);
        assertThat(request.getValue().toString()).doesNotContain(secret);
    }

    @Test
    void givenMalformedJsonOrAWrongType_whenCreatingAChannel_then400AndTheUseCaseIsNotCalled() throws Exception {
        mvc.perform(post("/api/v1/channels")
                        .header("Authorization", bearer(Role.ROOT))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(PROBLEM))
                .andExpect(jsonPath("$.code").value("invalid_request"));
        mvc.perform(post("/api/v1/channels")
                        .header("Authorization", bearer(Role.ROOT))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"x\",\"type\":\"openai\",\"priority\":\"high\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("invalid_value"))
                .andExpect(jsonPath("$.field").value("priority"));
        verify(createChannel, never()).create(any(), any());
    }

    @Test
    void givenAFieldTheCallerMayNotSet_whenCreatingOrChangingAChannel_then400NamingItAndTheUseCaseIsNotCalled()
            throws Exception {
        mvc.perform(post("/api/v1/channels")
                        .header("Authorization", bearer(Role.ROOT))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"x\",\"type\":\"openai\",\"keys\":[\"sk-1\"],\"models\":[\"m\"],"
                                + "\"organizationId\":\"org-a\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(PROBLEM))
                .andExpect(jsonPath("$.field").value("organizationId"));
        mvc.perform(patch("/api/v1/channels/c1")
                        .header("Authorization", bearer(Role.ROOT))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"organizationId\":\"org-b\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("organizationId"));
        verify(createChannel, never()).create(any(), any());
        verify(manageChannel, never()).update(anyString(), any(), any());
    }

    @Test
    void givenAnInvalidValueFromTheDomain_whenCreating_then400NamingTheField() throws Exception {
        // given
        when(createChannel.create(any(), any()))
                .thenThrow(new InvalidValueException("baseUrl", "baseUrl must be an absolute http or https URL"));

        // when / then
        mvc.perform(post("/api/v1/channels")
                        .header("Authorization", bearer(Role.ROOT))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"x\",\"type\":\"openai\",\"baseUrl\":\"ftp://x\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("baseUrl"));
    }

    @Test
    void givenAPatch_whenMaxConcurrencyIsExplicitlyNull_thenTheLimitIsClearedAndAbsentFieldsAreLeftAlone()
            throws Exception {
        // given
        when(manageChannel.update(anyString(), any(), any())).thenReturn(channel());

        // when
        mvc.perform(patch("/api/v1/channels/c1")
                        .header("Authorization", bearer(Role.ROOT))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"maxConcurrency\":null}"))
                .andExpect(status().isOk());
        mvc.perform(patch("/api/v1/channels/c1")
                        .header("Authorization", bearer(Role.ROOT))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"status\":\"disabled\"}"))
                .andExpect(status().isOk());

        // then
        ArgumentCaptor<ChannelChanges> changes = ArgumentCaptor.forClass(ChannelChanges.class);
        verify(manageChannel, Mockito.times(2)).update(eq("c1"), changes.capture(), any());
        assertThat(changes.getAllValues().get(0).clearMaxConcurrency()).isTrue();
        assertThat(changes.getAllValues().get(1).clearMaxConcurrency()).isFalse();
        assertThat(changes.getAllValues().get(1).status()).isEqualTo("disabled");
        assertThat(changes.getAllValues().get(1).name()).isNull();
    }

    @Test
    void givenATokenWithoutQuotaAndNotUnlimited_whenCreating_then400() throws Exception {
        mvc.perform(post("/api/v1/tokens")
                        .header("Authorization", bearer(Role.USER))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"app\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("quota"));
        verify(issueToken, never()).issue(any(), any());
    }

    @Test
    void givenModelNamesWithSlashAndColon_whenSettingPrices_thenTheWholeNameIsTheModel() throws Exception {
        // given
        when(setPrice.setPrice(anyString(), any(Price.class), any())).thenAnswer(i -> {
            Price p = i.getArgument(1);
            return new PriceView(i.getArgument(0), p.inputPerMillion(), p.outputPerMillion(), Instant.EPOCH);
        });

        // when / then
        mvc.perform(put("/api/v1/prices/deepseek-ai/DeepSeek-V3")
                        .header("Authorization", bearer(Role.ROOT))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"input\":135000,\"output\":550000}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.model").value("deepseek-ai/DeepSeek-V3"));
        mvc.perform(put("/api/v1/prices/qwen2.5:7b")
                        .header("Authorization", bearer(Role.ROOT))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"input\":1,\"output\":2}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.model").value("qwen2.5:7b"));
    }

    @Test
    void givenAnUnknownApiPath_whenCalled_then404Problem() throws Exception {
        mvc.perform(get("/api/v1/no-such-thing").header("Authorization", bearer(Role.ROOT)))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(PROBLEM))
                .andExpect(jsonPath("$.code").value("not_found"));
    }
}
