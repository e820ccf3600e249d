package dev.tollgate.application.configfile.port.out;

import java.util.List;

/**
 * A shared organisation as declared (its name is its key in the file): its status ({@code enabled}/{@code disabled})
 * and what platform admins grant it (groups, models, organisation-wide limits; null: no limit). Groups and models are
 * sets: kept sorted, so that two declarations compare equal whatever their order.
 */
public record OrganizationSpec(String status, List<String> groups, List<String> models, Long rpm, Long tpm) {
    public OrganizationSpec {
        groups = groups.stream().distinct().sorted().toList();
        models = models.stream().distinct().sorted().toList();
    }
}
