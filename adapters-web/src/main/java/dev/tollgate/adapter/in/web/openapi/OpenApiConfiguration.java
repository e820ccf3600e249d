package dev.tollgate.adapter.in.web.openapi;

import dev.tollgate.adapter.in.web.error.Problems;
import dev.tollgate.adapter.in.web.security.BrowserSessionFilter;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The OpenAPI 3.1 document of {@code /api} ({@code /v3/api-docs}, Swagger UI at {@code /swagger-ui}): the
 * operations come from the controllers; this adds the two ways to authenticate (a bearer token, or the console's
 * session cookie with its CSRF header) and the RFC 9457 problem every operation may answer.
 */
@Configuration(proxyBeanMethods = false)
public class OpenApiConfiguration {
    static final String PROBLEM_SCHEMA = "Problem";
    private static final Map<String, String> ERRORS = Map.of(
            "400", "invalid input (code invalid_value with field, or invalid_request)",
            "401", "no valid bearer token or session (code unauthorized)",
            "403", "not allowed for this caller (admin_required, forbidden, csrf_token_invalid)",
            "404", "not found, or not visible to this caller (…_not_found)");

    @Bean
    OpenAPI tollgateOpenApi() {
        return new OpenAPI()
                .info(new Info()
                        .title("Tollgate admin API")
                        .version("v1")
                        .description("The REST API behind the web console and scripts. Errors are RFC 9457 "
                                + "application/problem+json with a stable code and traceId. Quota units: "
                                + "500,000 = 1 USD.")
                        .license(new License().name("see the repository")))
                .components(new Components()
                        .addSecuritySchemes(
                                "bearer",
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("bearer")
                                        .bearerFormat("JWT or tgp_ personal access token")
                                        .description("POST /api/v1/auth/login, or a personal access token"))
                        .addSecuritySchemes(
                                "consoleSession",
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.APIKEY)
                                        .in(SecurityScheme.In.COOKIE)
                                        .name("tollgate-session")
                                        .description(
                                                "the web console's HttpOnly session cookie (POST /api/v1/auth/session);"
                                                        + " changes also need the " + BrowserSessionFilter.CSRF_HEADER
                                                        + " header")))
                .addSecurityItem(new SecurityRequirement().addList("bearer"))
                .addSecurityItem(new SecurityRequirement().addList("consoleSession"));
    }

    /** {@code /swagger-ui} opens Swagger UI too. */
    @Bean
    WebMvcConfigurer swaggerUiShortPath() {
        return new WebMvcConfigurer() {
            @Override
            public void addViewControllers(ViewControllerRegistry registry) {
                registry.addRedirectViewController("/swagger-ui", "/swagger-ui/index.html");
            }
        };
    }

    /** Adds the request bodies' schemas, the problem schema, and the problem answers to every operation that does not document them itself. */
    @Bean
    OpenApiCustomizer problemResponses() {
        return openApi -> {
            if (openApi.getComponents() == null) {
                openApi.setComponents(new Components());
            }
            openApi.getComponents().addSchemas(PROBLEM_SCHEMA, problemSchema());
            if (openApi.getPaths() == null) {
                return;
            }
            RequestBodySchemas.apply(openApi);
            for (PathItem item : openApi.getPaths().values()) {
                for (Operation operation : item.readOperations()) {
                    ApiResponses responses =
                            operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
                    ERRORS.forEach((status, description) -> responses.computeIfAbsent(
                            status,
                            s -> new ApiResponse()
                                    .description(description)
                                    .content(new Content()
                                            .addMediaType(
                                                    Problems.MEDIA_TYPE,
                                                    new MediaType()
                                                            .schema(new Schema<>()
                                                                    .$ref("#/components/schemas/"
                                                                            + PROBLEM_SCHEMA))))));
                    operation.setResponses(responses);
                }
            }
        };
    }

    private static Schema<?> problemSchema() {
        return new ObjectSchema()
                .description("RFC 9457 problem details")
                .addProperty("type", new StringSchema())
                .addProperty("title", new StringSchema())
                .addProperty("status", new IntegerSchema())
                .addProperty("detail", new StringSchema())
                .addProperty("instance", new StringSchema())
                .addProperty("code", new StringSchema().description("stable error code, e.g. invalid_value"))
                .addProperty("field", new StringSchema().description("the field of an invalid_value"))
                .addProperty("traceId", new StringSchema());
    }
}
