package dev.baton.emulator.console;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.emulator.Emulator;
import dev.baton.emulator.PageRegistration;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code /_emulator/console/}: the console's static files (HTML, CSS, ES modules from this jar's resources,
 * nothing from the network), its JSON reads under {@code api/}, and its live feed, {@code api/events}, as
 * Server-Sent Events. The console acts through the ordinary control API; this handler only reads. It knows no
 * HTTP server: the emulator's server asks {@link #answer} for a whole answer, or runs {@link #stream} for the
 * feed on a thread that may block.
 */
public final class ConsoleHandler {

    public static final String PATH = "/_emulator/console";
    public static final String EVENTS = PATH + "/api/events";
    private static final String RESOURCES = "/dev/baton/emulator/console/web/";
    private static final Pattern ASSET = Pattern.compile("[a-z0-9-]+\\.(html|css|js|svg)");
    private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=UTF-8",
            "css", "text/css; charset=UTF-8", "js", "text/javascript; charset=UTF-8", "svg", "image/svg+xml");
    /** Scripts, styles and calls only from here; images from anywhere, as the apps' messages name them. */
    private static final String CSP = "default-src 'self'; img-src * data:; style-src 'self'; script-src 'self'; "
            + "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
    private static final Duration HEARTBEAT = Duration.ofSeconds(15);

    /** One whole answer: status, headers (content type included) and body. */
    public record Answer(int status, Map<String, String> headers, byte[] body) {
        public Answer {
            headers = Map.copyOf(headers);
        }
    }

    private final Emulator emulator;
    private final ConsoleFeed feed;
    private final ConsoleViews views;
    private final ObjectMapper mapper = new ObjectMapper();

    public ConsoleHandler(Emulator emulator, ConsoleFeed feed) {
        this.emulator = emulator;
        this.feed = feed;
        this.views = new ConsoleViews(emulator);
    }

    /** Whether {@code path} is the console's. */
    public static boolean handles(String path) {
        return path.equals(PATH) || path.startsWith(PATH + "/");
    }

    /** The headers of the live feed's answer (status 200), before {@link #stream}. */
    public static Map<String, String> streamHeaders() {
        return Map.of("Content-Type", "text/event-stream; charset=UTF-8", "Cache-Control", "no-store");
    }

    /** Any console path but the feed: a file, a JSON read, a redirect or an error. */
    public Answer answer(String method, String path) {
        try {
            String rest = path.substring(PATH.length());
            if (rest.isEmpty()) {
                return new Answer(302, Map.of("Location", PATH + "/"), new byte[0]);
            }
            if (!method.equals("GET") && !method.equals("HEAD")) {
                return json(405, error("the console's reads are GETs; it acts through the control API"));
            }
            if (rest.startsWith("/api/")) {
                return api(List.of(rest.substring("/api/".length()).split("/")), path);
            }
            return asset(rest.equals("/") ? "index.html" : rest.substring(1));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Answer api(List<String> parts, String path) throws IOException {
        int size = parts.size();
        if (size == 1 && parts.get(0).equals("state")) {
            return json(200, views.state());
        }
        if (size == 3 && parts.get(0).equals("pages") && parts.get(2).equals("deliveries")) {
            Optional<PageRegistration> page = emulator.page(parts.get(1));
            return page.isPresent() ? json(200, Map.of("deliveries", views.deliveries(page.get())))
                    : json(404, error("page " + parts.get(1) + " is not registered"));
        }
        if (size == 4 && parts.get(0).equals("pages") && parts.get(2).equals("people")) {
            if (emulator.page(parts.get(1)).isEmpty()) {
                return json(404, error("page " + parts.get(1) + " is not registered"));
            }
            var conversation = emulator.conversation(parts.get(1), parts.get(3));
            return conversation.isPresent() ? json(200, views.conversation(conversation.get()))
                    : json(404, error("person " + parts.get(3) + " has no conversation with page " + parts.get(1)));
        }
        if (size == 4 && parts.get(0).equals("apps") && parts.get(2).equals("deliveries")
                && parts.get(3).matches("[0-9]{1,18}")) {
            var record = emulator.delivery(parts.get(1), Long.parseLong(parts.get(3)));
            return record.isPresent() ? json(200, ConsoleViews.delivery(record.get()))
                    : json(404, error("no delivery " + parts.get(3) + " to app " + parts.get(1)));
        }
        return json(404, error("no console read at " + path));
    }

    /**
     * Server-Sent Events until the browser goes away (the write fails) or the emulator closes; a comment line
     * every 15 s keeps proxies from closing the stream and finds browsers that left.
     */
    public void stream(OutputStream out) throws IOException {
        try (ConsoleFeed.Subscription subscription = feed.subscribe()) {
            out.write(("retry: 1000\n" + new String(ConsoleFeed.sse("{\"type\":\"hello\"}"), UTF_8)).getBytes(UTF_8));
            out.flush();
            while (true) {
                String event = subscription.next(HEARTBEAT);
                out.write(event == null ? ": ping\n\n".getBytes(UTF_8) : ConsoleFeed.sse(event));
                out.flush();
            }
        } catch (InterruptedException e) {
            // The emulator is closing: end the stream; the browser reconnects to whatever comes next.
            Thread.currentThread().interrupt();
        }
    }

    private Answer asset(String name) throws IOException {
        InputStream in = ASSET.matcher(name).matches() ? ConsoleHandler.class.getResourceAsStream(RESOURCES + name)
                : null;
        if (in == null) {
            return json(404, error("no console file " + name));
        }
        byte[] bytes;
        try (in) {
            bytes = in.readAllBytes();
        }
        String extension = name.substring(name.lastIndexOf('.') + 1);
        return new Answer(200, Map.of("Content-Type", TYPES.get(extension), "Cache-Control", "no-cache",
                "X-Content-Type-Options", "nosniff", "Content-Security-Policy", CSP), bytes);
    }

    private Answer json(int status, Object value) throws IOException {
        return new Answer(status, Map.of("Content-Type", "application/json; charset=UTF-8", "Cache-Control", "no-store"),
                mapper.writeValueAsBytes(value));
    }

    private static Map<String, Object> error(String message) {
        return Map.of("error", Map.of("message", message));
    }
}
