package dev.tollgate.domain.organization;

import dev.tollgate.domain.common.Checks;
import dev.tollgate.domain.common.InvalidValueException;
import dev.tollgate.domain.token.RateLimit;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * What platform admins grant an organisation: the routing groups its keys may use (besides the default group), the
 * models its keys may call (empty: every model their groups serve) and how fast all its keys together may go.
 */
public record OrganizationPolicy(List<String> groups, List<String> models, RateLimit rateLimit) {
    public static final OrganizationPolicy NONE = new OrganizationPolicy(List.of(), List.of(), RateLimit.NONE);
    static final int MAX_ENTRIES = 500;

    public OrganizationPolicy {
        groups = clean("groups", groups, 64);
        models = clean("models", models, 200);
        rateLimit = rateLimit == null ? RateLimit.NONE : rateLimit;
    }

    private static List<String> clean(String field, List<String> values, int maxLength) {
        List<String> in = Checks.requireNoNulls(field, values == null ? List.of() : values);
        if (in.size() > MAX_ENTRIES) {
            throw new InvalidValueException(field, field + " may list at most " + MAX_ENTRIES + " entries");
        }
        LinkedHashSet<String> out = new LinkedHashSet<>();
        for (String v : in) {
            Checks.requireText(field, v, maxLength);
            out.add(v);
        }
        return List.copyOf(out);
    }

    /** Whether the organisation's keys may call the model. */
    public boolean allowsModel(String model) {
        return models.isEmpty() || models.contains(model);
    }
}
