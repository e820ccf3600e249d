package dev.tollgate.adapter.in.web.configfile;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.adapter.in.web.error.Problems;
import dev.tollgate.adapter.in.web.security.CurrentCaller;
import dev.tollgate.application.common.Caller;
import dev.tollgate.application.configfile.port.in.ConfigFileUseCase;
import dev.tollgate.application.configfile.port.in.ManagedKind;
import dev.tollgate.application.organization.port.in.OrganizationUseCase;
import dev.tollgate.domain.configfile.ConfigFileErrorCode;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Refuses changes to what the configuration file declares, on the handler that would make them
 * ({@link ConfigFileManaged}), with 409 {@code managed_by_config_file} naming the file. Authorisation comes first: a
 * caller who may not change the resource anyway (not a platform admin; for an organisation, not one who can see it)
 * goes on to the handler and is refused there as usual, learning nothing about the file.
 */
@Component
public class ManagedResourceGuard implements WebMvcConfigurer, HandlerInterceptor {
    private final ObjectProvider<ConfigFileUseCase> configFiles;
    private final ObjectProvider<OrganizationUseCase> organizationUseCases;
    private final ObjectMapper json;

    /** The use cases are looked up when needed: a web slice without them (tests of other controllers) manages nothing. */
    public ManagedResourceGuard(
            ObjectProvider<ConfigFileUseCase> configFiles,
            ObjectProvider<OrganizationUseCase> organizations,
            ObjectMapper json) {
        this.configFiles = configFiles;
        this.organizationUseCases = organizations;
        this.json = json;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).addPathPatterns("/api/**");
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws IOException {
        if (!(handler instanceof HandlerMethod method)) {
            return true;
        }
        ConfigFileManaged marker = method.getMethodAnnotation(ConfigFileManaged.class);
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        ConfigFileUseCase configFile = configFiles.getIfAvailable();
        if (marker == null || configFile == null || !(auth instanceof JwtAuthenticationToken)) {
            return true;
        }
        Caller caller = CurrentCaller.of(auth);
        String resource = marker.anyOfKind() ? null : resource(marker, request);
        for (ManagedKind kind : marker.value()) {
            if (!allowedToChange(kind, resource, caller)) {
                continue;
            }
            Optional<String> file = marker.anyOfKind()
                    ? (configFile.managed(kind).isEmpty()
                            ? Optional.empty()
                            : Optional.ofNullable(configFile.status().file()))
                    : configFile.managedBy(kind, resource);
            if (file.isPresent()) {
                refuse(request, response, kind, resource, file.get());
                return false;
            }
        }
        return true;
    }

    private boolean allowedToChange(ManagedKind kind, String resource, Caller caller) {
        if (caller.admin()) {
            return true;
        }
        if (kind != ManagedKind.ORGANIZATION || resource == null) {
            return false;
        }
        OrganizationUseCase organizations = organizationUseCases.getIfAvailable();
        if (organizations == null) {
            return false;
        }
        try {
            organizations.get(resource, caller);
            return true;
        } catch (RuntimeException notVisible) {
            return false;
        }
    }

    @SuppressWarnings("unchecked")
    private static String resource(ConfigFileManaged marker, HttpServletRequest request) {
        String spec = marker.resource();
        if (spec.isEmpty()) {
            return marker.value()[0].code();
        }
        if (spec.startsWith("{") && spec.endsWith("}")) {
            Map<String, String> vars =
                    (Map<String, String>) request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
            return vars == null ? null : vars.get(spec.substring(1, spec.length() - 1));
        }
        String prefix = spec.substring(0, spec.length() - "**".length());
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.startsWith(prefix)
                ? URLDecoder.decode(path.substring(prefix.length()), StandardCharsets.UTF_8)
                : null;
    }

    private void refuse(
            HttpServletRequest request, HttpServletResponse response, ManagedKind kind, String resource, String file)
            throws IOException {
        String what =
                resource == null ? "some " + kind.code() + " resources are" : kind.code() + " '" + resource + "' is";
        var problem = Problems.problem(
                request,
                HttpStatus.CONFLICT,
                ConfigFileErrorCode.MANAGED_BY_CONFIG_FILE.code(),
                what + " declared in the configuration file " + file + ": change it there (the file is applied "
                        + "when it changes)",
                Map.of("managedBy", ManagedByAdvice.CONFIG_FILE, "file", file));
        response.setStatus(HttpStatus.CONFLICT.value());
        response.setContentType(Problems.MEDIA_TYPE);
        json.writeValue(response.getOutputStream(), problem);
    }
}
