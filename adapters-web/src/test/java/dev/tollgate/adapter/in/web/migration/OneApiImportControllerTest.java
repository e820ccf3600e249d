package dev.tollgate.adapter.in.web.migration;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.tollgate.adapter.in.web.error.ApiExceptionHandler;
import dev.tollgate.adapter.in.web.error.Problems;
import dev.tollgate.adapter.in.web.error.RequestIdFilter;
import dev.tollgate.adapter.in.web.security.AccessTokens;
import dev.tollgate.adapter.in.web.security.PersonalAccessTokens;
import dev.tollgate.adapter.in.web.security.SecurityConfiguration;
import dev.tollgate.application.account.port.in.AccessTokenUseCase;
import dev.tollgate.application.account.port.in.AuthenticatedUser;
import dev.tollgate.application.account.port.in.SelfServiceUseCase;
import dev.tollgate.application.account.port.in.SigningKeyUseCase;
import dev.tollgate.application.common.port.in.IdempotencyUseCase;
import dev.tollgate.application.migration.port.in.ImportOneApiUseCase;
import dev.tollgate.application.migration.port.in.ImportReport;
import dev.tollgate.domain.account.Role;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentMatchers;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/**
 * {@code POST /api/v1/imports/one-api}: root only, decided before the body is read; the size bound (413); a body that
 * is not SQLite (400); a multipart upload reaches the import as a SQLite file. All errors are problem+json.
 */
@WebMvcTest(controllers = OneApiImportController.class)
@Import({
    SecurityConfiguration.class,
    AccessTokens.class,
    Problems.class,
    RequestIdFilter.class,
    PersonalAccessTokens.class,
    ApiExceptionHandler.class,
    OneApiImportConfiguration.class
})
@TestPropertySource(properties = "tollgate.imports.max-upload-bytes=256")
class OneApiImportControllerTest {
    private static final String PROBLEM = "application/problem+json";
    private static final byte[] SQLITE = "SQLite format 3\0 and the rest".getBytes(StandardCharsets.ISO_8859_1);

    @Autowired
    MockMvc mvc;

    @Autowired
    AccessTokens tokens;

    @MockitoBean
    SigningKeyUseCase signingKeys;

    @MockitoBean
    SelfServiceUseCase selfService;

    @MockitoBean
    AccessTokenUseCase accessTokens;

    @MockitoBean
    IdempotencyUseCase idempotency;

    @MockitoBean
    ImportOneApiUseCase imports;

    @BeforeEach
    void setUp() {
        when(signingKeys.signingKey()).thenReturn("f9e8d7c6b5a4f9e8d7c6b5a4f9e8d7c6b5a4f9e8".getBytes());
        when(selfService.sessionValid(any(), ArgumentMatchers.anyLong(), any())).thenReturn(true);
    }

    private String bearer(String userId, Role role) {
        return "Bearer " + tokens.issue(new AuthenticatedUser(userId, "someone", role));
    }

    @Test
    void givenAnAdminWhoIsNotRoot_whenUploadingTooMuch_then403NotTheSizeError() throws Exception {
        mvc.perform(post("/api/v1/imports/one-api")
                        .header("Authorization", bearer("a1", Role.ADMIN))
                        .contentType("application/octet-stream")
                        .content(new byte[1000]))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(PROBLEM))
                .andExpect(jsonPath("$.code").value("root_required"));
        verify(imports, never()).importOneApi(anyString(), anyBoolean(), any(), any());
    }

    @Test
    void givenRoot_whenTheFileIsLargerThanTheBound_then413() throws Exception {
        mvc.perform(post("/api/v1/imports/one-api")
                        .header("Authorization", bearer("root", Role.ROOT))
                        .contentType("application/octet-stream")
                        .content(new byte[257]))
                .andExpect(status().isPayloadTooLarge())
                .andExpect(content().contentTypeCompatibleWith(PROBLEM))
                .andExpect(jsonPath("$.code").value("request_too_large"));
        verify(imports, never()).importOneApi(anyString(), anyBoolean(), any(), any());
    }

    @Test
    void givenRoot_whenTheBodyIsNotSqlite_then400NamingIt() throws Exception {
        mvc.perform(post("/api/v1/imports/one-api")
                        .header("Authorization", bearer("root", Role.ROOT))
                        .contentType("application/octet-stream")
                        .content("hello".getBytes(StandardCharsets.UTF_8)))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(PROBLEM))
                .andExpect(jsonPath("$.detail").value("the upload is not a SQLite database (one-api's one-api.db)"));
        verify(imports, never()).importOneApi(anyString(), anyBoolean(), any(), any());
    }

    @Test
    void givenRoot_whenAMultipartSqliteFileIsUploaded_thenTheImportReadsExactlyTheFile() throws Exception {
        // given
        when(imports.importOneApi(anyString(), anyBoolean(), any(), any())).thenAnswer(inv -> {
            byte[] file = Files.readAllBytes(Path.of((String) inv.getArgument(0)));
            return new ImportReport(
                    inv.getArgument(1),
                    List.of(new ImportReport.Kind(
                            new String(file, StandardCharsets.ISO_8859_1)
                                            .equals(new String(SQLITE, StandardCharsets.ISO_8859_1))
                                    ? "same-bytes"
                                    : "other-bytes",
                            0,
                            0,
                            List.of(),
                            List.of(),
                            List.of())));
        });
        byte[] body = ("--b1\r\nContent-Disposition: form-data; name=\"file\"; filename=\"one-api.db\"\r\n\r\n"
                        + new String(SQLITE, StandardCharsets.ISO_8859_1) + "\r\n--b1--\r\n")
                .getBytes(StandardCharsets.ISO_8859_1);

        // when / then
        mvc.perform(post("/api/v1/imports/one-api?dryRun=true")
                        .header("Authorization", bearer("root", Role.ROOT))
                        .contentType("multipart/form-data; boundary=b1")
                        .content(body))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.dryRun").value(true))
                .andExpect(jsonPath("$.kinds[0].kind").value("same-bytes"));
    }
}
