package dev.tollgate.adapter.in.web.organization;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.adapter.in.web.PatchBody;
import dev.tollgate.adapter.in.web.configfile.ConfigFileManaged;
import dev.tollgate.adapter.in.web.security.CurrentCaller;
import dev.tollgate.application.common.Caller;
import dev.tollgate.application.common.Page;
import dev.tollgate.application.configfile.port.in.ManagedKind;
import dev.tollgate.application.organization.port.in.ListOrganizationsUseCase;
import dev.tollgate.application.organization.port.in.OrganizationUseCase;
import dev.tollgate.application.organization.port.in.OrganizationUseCase.MemberView;
import dev.tollgate.application.organization.port.in.OrganizationUseCase.OrganizationView;
import dev.tollgate.domain.common.InvalidValueException;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Organisations (组织) and their members. */
@RestController
@RequestMapping("/api/v1/organizations")
public class OrganizationController {
    /** The page size of the lists when none is asked: the console shows one page. */
    static final String DEFAULT_SIZE = "100";

    private final OrganizationUseCase organizations;
    private final ListOrganizationsUseCase lists;

    public OrganizationController(OrganizationUseCase organizations, ListOrganizationsUseCase lists) {
        this.organizations = organizations;
        this.lists = lists;
    }

    @ResponseStatus(HttpStatus.CREATED)
    @PostMapping
    ResponseEntity<OrganizationView> create(@RequestBody JsonNode json, Authentication auth) {
        PatchBody body = new PatchBody(json).requireOnly("name");
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(organizations.create(body.text("name"), CurrentCaller.of(auth)));
    }

    /**
     * The organisations the caller sees (a platform admin every one), in creation order, a page at a time: {@code q}
     * (part of the name), {@code status} ({@code enabled}, {@code disabled}), {@code personal} ({@code true},
     * {@code false}).
     */
    @GetMapping
    Page<OrganizationView> list(
            @RequestParam(required = false) String q,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) Boolean personal,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = DEFAULT_SIZE) int size,
            Authentication auth) {
        return lists.list(CurrentCaller.of(auth), q, status, personal, page, size);
    }

    @GetMapping("/{id}")
    OrganizationView get(@PathVariable String id, Authentication auth) {
        return organizations.get(id, CurrentCaller.of(auth));
    }

    /** {@code name} and/or {@code status} ("enabled" | "disabled"). */
    @ConfigFileManaged(value = ManagedKind.ORGANIZATION, resource = "{id}")
    @PatchMapping("/{id}")
    OrganizationView update(@PathVariable String id, @RequestBody JsonNode json, Authentication auth) {
        PatchBody body = new PatchBody(json).requireOnly("name", "status");
        Caller caller = CurrentCaller.of(auth);
        OrganizationView view = organizations.get(id, caller);
        if (body.has("status")) {
            String status = body.text("status");
            if (!"enabled".equals(status) && !"disabled".equals(status)) {
                throw new InvalidValueException("status", "status must be 'enabled' or 'disabled'");
            }
            view = organizations.setEnabled(id, "enabled".equals(status), caller);
        }
        if (body.has("name")) {
            view = organizations.rename(id, body.text("name"), caller);
        }
        return view;
    }

    /**
     * The organisation's members, by role, then username, a page at a time: {@code q} (part of the username),
     * {@code role} ({@code OWNER}, {@code ADMIN}, {@code MEMBER}).
     */
    @GetMapping("/{id}/members")
    Page<MemberView> members(
            @PathVariable String id,
            @RequestParam(required = false) String q,
            @RequestParam(required = false) String role,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = DEFAULT_SIZE) int size,
            Authentication auth) {
        return lists.members(id, CurrentCaller.of(auth), q, role, page, size);
    }

    /** {@code username} and optionally {@code role} (MEMBER, the default, or ADMIN). */
    @ResponseStatus(HttpStatus.CREATED)
    @PostMapping("/{id}/members")
    ResponseEntity<MemberView> addMember(@PathVariable String id, @RequestBody JsonNode json, Authentication auth) {
        PatchBody body = new PatchBody(json).requireOnly("username", "role");
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(organizations.addMember(id, body.text("username"), body.text("role"), CurrentCaller.of(auth)));
    }

    @PatchMapping("/{id}/members/{userId}")
    MemberView changeRole(
            @PathVariable String id, @PathVariable String userId, @RequestBody JsonNode json, Authentication auth) {
        PatchBody body = new PatchBody(json).requireOnly("role");
        return organizations.changeRole(id, userId, body.text("role"), CurrentCaller.of(auth));
    }

    @DeleteMapping("/{id}/members/{userId}")
    ResponseEntity<Void> removeMember(@PathVariable String id, @PathVariable String userId, Authentication auth) {
        organizations.removeMember(id, userId, CurrentCaller.of(auth));
        return ResponseEntity.noContent().build();
    }

    /** {@code username} and optionally {@code role} (MEMBER or ADMIN): the user joins when they accept. */
    @ResponseStatus(HttpStatus.CREATED)
    @PostMapping("/{id}/invitations")
    ResponseEntity<OrganizationUseCase.InvitationView> invite(
            @PathVariable String id, @RequestBody JsonNode json, Authentication auth) {
        PatchBody body = new PatchBody(json).requireOnly("username", "role");
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(organizations.invite(id, body.text("username"), body.text("role"), CurrentCaller.of(auth)));
    }

    /**
     * {@code {"email", "role"?}}: e-mails an invitation code to someone who may have no account yet (needs SMTP);
     * the answer shows the address masked, never the code.
     */
    @ResponseStatus(HttpStatus.CREATED)
    @PostMapping("/{id}/email-invitations")
    ResponseEntity<OrganizationUseCase.EmailInvitationView> inviteByEmail(
            @PathVariable String id, @RequestBody JsonNode json, Authentication auth) {
        PatchBody body = new PatchBody(json).requireOnly("email", "role");
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(organizations.inviteByEmail(id, body.text("email"), body.text("role"), CurrentCaller.of(auth)));
    }

    @GetMapping("/{id}/email-invitations")
    Map<String, List<OrganizationUseCase.EmailInvitationView>> emailInvitations(
            @PathVariable String id, Authentication auth) {
        return Map.of("items", organizations.emailInvitations(id, CurrentCaller.of(auth)));
    }

    @DeleteMapping("/{id}/email-invitations/{invitationId}")
    ResponseEntity<Void> withdrawEmailInvitation(
            @PathVariable String id, @PathVariable String invitationId, Authentication auth) {
        organizations.withdrawEmailInvitation(id, invitationId, CurrentCaller.of(auth));
        return ResponseEntity.noContent().build();
    }

    /** {@code {"code"}}: the signed-in caller joins the organisation of an e-mailed invitation code. */
    @PostMapping("/invitations/code")
    MemberView acceptInvitationCode(@RequestBody JsonNode json, Authentication auth) {
        PatchBody body = new PatchBody(json).requireOnly("code");
        return organizations.acceptInvitationCode(body.text("code"), CurrentCaller.of(auth));
    }

    @GetMapping("/{id}/invitations")
    Map<String, List<OrganizationUseCase.InvitationView>> invitations(@PathVariable String id, Authentication auth) {
        return Map.of("items", organizations.invitations(id, CurrentCaller.of(auth)));
    }

    @DeleteMapping("/{id}/invitations/{userId}")
    ResponseEntity<Void> withdraw(@PathVariable String id, @PathVariable String userId, Authentication auth) {
        organizations.withdrawInvitation(id, userId, CurrentCaller.of(auth));
        return ResponseEntity.noContent().build();
    }

    /** The caller's pending invitations. */
    @GetMapping("/invitations")
    Map<String, List<OrganizationUseCase.InvitationView>> myInvitations(Authentication auth) {
        return Map.of("items", organizations.myInvitations(CurrentCaller.of(auth)));
    }

    @PostMapping("/{id}/invitations/accept")
    MemberView accept(@PathVariable String id, Authentication auth) {
        return organizations.accept(id, CurrentCaller.of(auth));
    }

    @PostMapping("/{id}/invitations/decline")
    ResponseEntity<Void> decline(@PathVariable String id, Authentication auth) {
        organizations.decline(id, CurrentCaller.of(auth));
        return ResponseEntity.noContent().build();
    }

    /** {@code userId} of the member who becomes the owner. */
    @PostMapping("/{id}/transfer")
    OrganizationView transfer(@PathVariable String id, @RequestBody JsonNode json, Authentication auth) {
        PatchBody body = new PatchBody(json).requireOnly("userId");
        return organizations.transferOwnership(id, body.text("userId"), CurrentCaller.of(auth));
    }
}
