package dev.tollgate.adapter.out.persistence.organization;

import dev.tollgate.adapter.out.persistence.LikePatterns;
import dev.tollgate.adapter.out.persistence.OffsetPages;
import dev.tollgate.application.organization.port.in.OrganizationUseCase.MemberView;
import dev.tollgate.application.organization.port.in.OrganizationUseCase.OrganizationView;
import dev.tollgate.application.organization.port.out.OrganizationListPort;
import java.util.List;
import org.springframework.data.domain.Sort;

/**
 * Reads {@code organization_listing} and {@code organization_membership} through their repositories: offset pages as
 * slices (no count query; the counts are separate calls), each page one statement with its join (the viewer's role,
 * the members' usernames), so a page never costs a query per row.
 */
public class OrganizationListPersistenceAdapter implements OrganizationListPort {
    private final OrganizationListingRepository organizations;
    private final OrganizationMembershipRepository members;

    public OrganizationListPersistenceAdapter(
            OrganizationListingRepository organizations, OrganizationMembershipRepository members) {
        this.organizations = organizations;
        this.members = members;
    }

    @Override
    public List<OrganizationView> find(OrganizationQuery query, int offset, int limit) {
        return organizations
                .findVisible(
                        query.viewerId(),
                        query.everyone(),
                        query.status(),
                        query.personal(),
                        LikePatterns.containing(query.search().text()),
                        OffsetPages.of(offset, limit, Sort.unsorted()))
                .map(row -> ((OrganizationListingEntity) row[0]).view((String) row[1]))
                .getContent();
    }

    @Override
    public long count(OrganizationQuery query) {
        return organizations.countVisible(
                query.viewerId(),
                query.everyone(),
                query.status(),
                query.personal(),
                LikePatterns.containing(query.search().text()));
    }

    @Override
    public List<MemberView> findMembers(MemberQuery query, int offset, int limit) {
        return members.findMembers(
                        query.organizationId(),
                        query.role(),
                        LikePatterns.containing(query.search().text()),
                        OffsetPages.of(offset, limit, Sort.unsorted()))
                .map(row -> ((OrganizationMembershipEntity) row[0]).view((String) row[1]))
                .getContent();
    }

    @Override
    public long countMembers(MemberQuery query) {
        return members.countMembers(
                query.organizationId(),
                query.role(),
                LikePatterns.containing(query.search().text()));
    }
}
