package dev.tollgate.adapter.in.web.error;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Refuses, on {@code /api}, a query parameter that PostgreSQL cannot store or compare (a NUL character, an unpaired
 * surrogate) with 400 {@code invalid_request}, whatever the handler binds it to. {@link StorableTextAdvice}'s editor
 * covers parameters bound one by one to a {@code String}; the filter records bound as a whole
 * ({@code @ParameterObject}) are built by their constructor, which no editor sees, and a NUL that reached a
 * repository query was a 500 (found by the fuzzer's fixed seed). Runs after authentication (a filter) and after
 * {@code CallerRestrictions}; nothing is read or changed before it.
 */
@Component
public class StorableQueryGuard implements WebMvcConfigurer, HandlerInterceptor {
    private final Problems problems;

    public StorableQueryGuard(Problems problems) {
        this.problems = problems;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).addPathPatterns("/api/**").order(Ordered.LOWEST_PRECEDENCE);
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws IOException {
        if (!(handler instanceof HandlerMethod) || request.getQueryString() == null) {
            return true;
        }
        for (var parameter : request.getParameterMap().entrySet()) {
            for (String value : parameter.getValue()) {
                if (!StorableTextAdvice.storable(parameter.getKey())
                        || (value != null && !StorableTextAdvice.storable(value))) {
                    problems.write(
                            request, response, HttpStatus.BAD_REQUEST, "invalid_request", StorableTextAdvice.REFUSAL);
                    return false;
                }
            }
        }
        return true;
    }
}
