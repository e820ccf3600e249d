package dev.tollgate.adapter.in.web.relay;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The relay's routes as plain Spring MVC mappings, active only with {@code tollgate.relay.front-door=mvc}: the
 * baseline the benchmark compares the gateway route table ({@link RelayRoutes}, the default) against. Same handler,
 * same answers; only the routing layer differs.
 */
@RestController
@ConditionalOnProperty(name = "tollgate.relay.front-door", havingValue = "mvc")
public class RelayController {
    private final RelayHttpHandler handler;
    private final RealtimeUpgradeHandler realtime;

    public RelayController(RelayHttpHandler handler, RealtimeUpgradeHandler realtime) {
        this.handler = handler;
        this.realtime = realtime;
    }

    @GetMapping("/v1/realtime")
    public void realtime(HttpServletRequest request, HttpServletResponse response) throws IOException {
        realtime.upgrade(request, response);
    }

    @GetMapping("/v1/models")
    public void models(HttpServletRequest request, HttpServletResponse response) throws IOException {
        handler.models(request, response);
    }

    @GetMapping("/v1/models/**")
    public void model(HttpServletRequest request, HttpServletResponse response) throws IOException {
        handler.model(request, response);
    }

    @GetMapping({"/dashboard/billing/subscription", "/v1/dashboard/billing/subscription"})
    public void subscription(HttpServletRequest request, HttpServletResponse response) throws IOException {
        handler.subscription(request, response);
    }

    @GetMapping({"/dashboard/billing/usage", "/v1/dashboard/billing/usage"})
    public void usage(HttpServletRequest request, HttpServletResponse response) throws IOException {
        handler.usage(request, response);
    }

    @PostMapping("/v1/chat/completions")
    public void chatCompletions(HttpServletRequest request, HttpServletResponse response) throws IOException {
        handler.chatCompletions(request, response);
    }

    @PostMapping("/v1/completions")
    public void completions(HttpServletRequest request, HttpServletResponse response) throws IOException {
        handler.completions(request, response);
    }

    @PostMapping("/v1/embeddings")
    public void embeddings(HttpServletRequest request, HttpServletResponse response) throws IOException {
        handler.embeddings(request, response);
    }

    @PostMapping("/v1/engines/{model}/embeddings")
    public void engineEmbeddings(@PathVariable String model, HttpServletRequest request,
            HttpServletResponse response) throws IOException {
        handler.engineEmbeddings(model, request, response);
    }

    @PostMapping("/v1/moderations")
    public void moderations(HttpServletRequest request, HttpServletResponse response) throws IOException {
        handler.moderations(request, response);
    }

    @PostMapping("/v1/rerank")
    public void rerank(HttpServletRequest request, HttpServletResponse response) throws IOException {
        handler.rerank(request, response);
    }

    @PostMapping("/v1/responses")
    public void responses(HttpServletRequest request, HttpServletResponse response) throws IOException {
        handler.responses(request, response);
    }

    @PostMapping("/v1/images/generations")
    public void imageGenerations(HttpServletRequest request, HttpServletResponse response) throws IOException {
        handler.imageGenerations(request, response);
    }

    @PostMapping("/v1/images/edits")
    public void imageEdits(HttpServletRequest request, HttpServletResponse response) throws IOException {
        handler.imageEdits(request, response);
    }

    @PostMapping("/v1/images/variations")
    public void imageVariations(HttpServletRequest request, HttpServletResponse response) throws IOException {
        handler.imageVariations(request, response);
    }

    @PostMapping("/v1/audio/speech")
    public void speech(HttpServletRequest request, HttpServletResponse response) throws IOException {
        handler.speech(request, response);
    }

    @PostMapping("/v1/audio/transcriptions")
    public void transcriptions(HttpServletRequest request, HttpServletResponse response) throws IOException {
        handler.transcriptions(request, response);
    }

    @PostMapping("/v1/audio/translations")
    public void translations(HttpServletRequest request, HttpServletResponse response) throws IOException {
        handler.translations(request, response);
    }

    @PostMapping("/v1/messages")
    public void anthropicMessages(HttpServletRequest request, HttpServletResponse response) throws IOException {
        handler.anthropicMessages(request, response);
    }

    @PostMapping("/v1/messages/count_tokens")
    public void anthropicCountTokens(HttpServletRequest request, HttpServletResponse response) throws IOException {
        handler.anthropicCountTokens(request, response);
    }

    @PostMapping("/v1beta/models/**")
    public void geminiGenerate(HttpServletRequest request, HttpServletResponse response) throws IOException {
        handler.geminiGenerate(request, response);
    }

    @GetMapping("/v1beta/models")
    public void geminiModels(HttpServletRequest request, HttpServletResponse response) throws IOException {
        handler.geminiModels(request, response);
    }

    @GetMapping("/v1beta/models/**")
    public void geminiModel(HttpServletRequest request, HttpServletResponse response) throws IOException {
        handler.geminiModel(request, response);
    }

    @RequestMapping("/v1/**")
    public void unknown(HttpServletRequest request, HttpServletResponse response) throws IOException {
        handler.unknown(request, response);
    }
}
