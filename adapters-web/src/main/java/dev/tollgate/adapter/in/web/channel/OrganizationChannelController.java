package dev.tollgate.adapter.in.web.channel;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.adapter.in.web.security.CurrentCaller;
import dev.tollgate.application.channel.port.in.ChannelView;
import dev.tollgate.application.channel.port.in.ListChannelsUseCase;
import dev.tollgate.application.channel.port.in.PrivateChannelUseCase;
import dev.tollgate.application.common.Page;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * An organisation's private channels (bring your own key), for its OWNER and ADMINs and platform admins: a MEMBER gets
 * 403, anyone else 404. The body is a channel's create body without {@code groups} (a private channel serves every key
 * of its organisation); a private channel is then read, changed and deleted under {@code /api/v1/channels/{id}}.
 */
@RestController
@RequestMapping("/api/v1/organizations/{organizationId}/channels")
public class OrganizationChannelController {
    private final PrivateChannelUseCase channels;
    private final ListChannelsUseCase lists;

    public OrganizationChannelController(PrivateChannelUseCase channels, ListChannelsUseCase lists) {
        this.channels = channels;
        this.lists = lists;
    }

    @ResponseStatus(HttpStatus.CREATED)
    @PostMapping
    ResponseEntity<ChannelView> create(
            @PathVariable String organizationId, @RequestBody JsonNode json, Authentication auth) {
        ChannelView view =
                channels.create(organizationId, ChannelController.createRequest(json), CurrentCaller.of(auth));
        return ResponseEntity.created(URI.create("/api/v1/channels/" + view.id()))
                .body(view);
    }

    /** The organisation's private channels, oldest first, filtered as the platform list ({@code group} aside). */
    @GetMapping
    Page<ChannelView> list(
            @PathVariable String organizationId,
            @RequestParam(required = false) String q,
            @RequestParam(required = false) String type,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String model,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size,
            Authentication auth) {
        return lists.listInOrganization(organizationId, CurrentCaller.of(auth), q, type, status, model, page, size);
    }
}
