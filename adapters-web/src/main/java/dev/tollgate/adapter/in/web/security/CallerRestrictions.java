package dev.tollgate.adapter.in.web.security;

import dev.tollgate.adapter.in.web.error.Problems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.annotation.Annotation;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Decides on the handler that will run, after the path was matched and before any argument (body, parameters) is
 * read: {@link SessionOnly} handlers refuse personal access tokens, {@link PlatformAdminOnly} handlers refuse
 * everyone but platform admins. Deciding on the handler rather than on the request's path means an encoded or
 * otherwise respelled path reaches the same rule.
 */
@Component
public class CallerRestrictions implements WebMvcConfigurer, HandlerInterceptor {
    private final Problems problems;

    public CallerRestrictions(Problems problems) {
        this.problems = problems;
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
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        JwtAuthenticationToken jwt = auth instanceof JwtAuthenticationToken t ? t : null;
        if (jwt != null
                && jwt.getToken().hasClaim(PersonalAccessTokens.TOKEN_CLAIM)
                && marked(method, SessionOnly.class)) {
            problems.write(
                    request,
                    response,
                    HttpStatus.FORBIDDEN,
                    "access_token_not_allowed",
                    "a personal access token cannot manage access tokens, the password, the e-mail address or "
                            + "linked identities; sign in");
            return false;
        }
        if (marked(method, PlatformAdminOnly.class) && !platformAdmin(auth)) {
            problems.write(
                    request, response, HttpStatus.FORBIDDEN, "admin_required", "only platform admins may do this");
            return false;
        }
        return true;
    }

    /** Whether the request is authenticated as a platform admin (ROOT or ADMIN), by session or access token. */
    static boolean platformAdmin(Authentication auth) {
        String role =
                auth instanceof JwtAuthenticationToken jwt ? jwt.getToken().getClaimAsString("role") : null;
        return "ROOT".equals(role) || "ADMIN".equals(role);
    }

    private static boolean marked(HandlerMethod method, Class<? extends Annotation> marker) {
        return method.hasMethodAnnotation(marker) || AnnotatedElementUtils.hasAnnotation(method.getBeanType(), marker);
    }
}
