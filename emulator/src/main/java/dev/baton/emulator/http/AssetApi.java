package dev.baton.emulator.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.emulator.engine.AssetOperations;
import dev.baton.emulator.engine.AssetOperations.NodeKind;
import dev.baton.emulator.engine.GraphError;
import dev.baton.emulator.engine.RoutingEngine.Caller;
import dev.baton.emulator.engine.UploadedFile;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The Graph paths beside Conversation Routing's: {@code /me/personas}, {@code /me/message_attachments}, and
 * the nodes a Page's token may read besides the Page, its personas ({@code GET}/{@code DELETE /{persona-id}})
 * and its people ({@code GET /{psid}}, the User Profile API).
 */
final class AssetApi {

    private final AssetOperations assets;

    AssetApi(AssetOperations assets) {
        this.assets = assets;
    }

    /** What a node id other than {@code me} and the Page is, for the caller. */
    NodeKind nodeKind(Caller caller, String id) {
        return assets.nodeKind(caller, id);
    }

    /** An edge of the Page this class serves, or empty when it is none of them. */
    Optional<Map<String, Object>> pageEdge(String method, String edge, Caller caller, GraphParams.Read read) {
        JsonNode params = read.params();
        return switch (edge) {
            case "personas" -> switch (method) {
                case "GET" -> Optional.of(assets.personas(caller));
                case "POST" -> Optional.of(assets.createPersona(caller, GraphParams.text(params, "name"),
                        GraphParams.text(params, "profile_picture_url")));
                default -> Optional.empty();
            };
            case "message_attachments" -> method.equals("POST") ? Optional.of(upload(caller, read)) : Optional.empty();
            default -> Optional.empty();
        };
    }

    /** A call on a persona or person node. */
    Map<String, Object> node(String method, NodeKind kind, String id, String edge, Caller caller, JsonNode params) {
        if (!edge.isEmpty()) {
            throw unsupported(method, edge);
        }
        return switch (kind) {
            case PERSONA -> switch (method) {
                case "GET" -> assets.persona(caller, id);
                case "DELETE" -> assets.deletePersona(caller, id);
                default -> throw unsupported(method, "node");
            };
            case PERSON -> {
                if (!method.equals("GET")) {
                    throw unsupported(method, "node");
                }
                yield assets.profile(caller, id, GraphParams.text(params, "fields"));
            }
            case NONE -> throw GraphError.objectNotFound(id).exception();
        };
    }

    private Map<String, Object> upload(Caller caller, GraphParams.Read read) {
        JsonNode attachment = read.params().path("message").path("attachment");
        if (!attachment.isObject()) {
            throw GraphError.invalidParameter("param message must be an object with an attachment").exception();
        }
        String type = GraphParams.text(attachment, "type");
        String url = GraphParams.text(attachment.path("payload"), "url");
        UploadedFile file = read.files().stream().filter(f -> f.fieldName().equals("filedata")).findFirst()
                .orElse(read.files().isEmpty() ? null : read.files().get(0));
        return assets.uploadAttachment(caller, type == null ? null : type.toLowerCase(Locale.ROOT), url, file);
    }

    private static RuntimeException unsupported(String method, String edge) {
        return GraphError.invalidParameter("Unsupported " + method.toLowerCase(Locale.ROOT) + " request: " + edge)
                .exception();
    }
}
