package com.example.page;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.config.StoreSettings;
import dev.baton.emulator.Faults.GraphFaultKind;
import dev.baton.spi.StoreOptions;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code docs/grafana/baton.json} queries only metrics a real deployment exposes: every metric name in the
 * dashboard's PromQL (panels, rows, template variables) must appear in the {@code /metrics} scrape of the
 * example deployment, run with the default SQLite store after the demo's day, one injected 613 and one
 * webhook Meta delivers twice.
 */
class GrafanaDashboardTest {

    private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\(\\s*([a-zA-Z_:][a-zA-Z0-9_:]*)");
    private static final Set<String> KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left",
            "group_right", "bool", "and", "or", "unless", "offset", "inf", "nan");

    @TempDir
    Path dataDir;

    @Test
    void everyQueriedMetricExistsInARunningDeployment() throws Exception {
        JsonNode dashboard = new ObjectMapper().readTree(
                HeadlessChromium.repositoryRoot().resolve("docs/grafana/baton.json").toFile());
        assertThat(dashboard.path("uid").asText()).isEqualTo("baton-page");
        List<String> expressions = new ArrayList<>();
        collectExpressions(dashboard, expressions);
        Set<String> queried = new TreeSet<>();
        expressions.forEach(expression -> queried.addAll(metricNames(expression)));
        assertThat(queried).contains("baton_dispatch_handler_latency_seconds_sum", "baton_graph_errors_total",
                "baton_inbox_bridge_time_to_human_seconds_sum", "baton_dispatch_queue_depth",
                "baton_webhook_batches_total");

        Set<String> exposed;
        try (DemoPage demo = DemoPage.start(new StoreSettings(StoreSettings.DEFAULT_TYPE,
                new StoreOptions(Map.of("path", dataDir.resolve("baton.db").toString()))))) {
            // Faults make the series that only exist once something went wrong: a Graph error, a dropped repeat.
            demo.emulator.faults().failNextGraphCalls(1, GraphFaultKind.RATE_LIMIT);
            demo.emulator.faults().duplicateNextDelivery(demo.appId("default"));
            new DemoDay(demo, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)).play();
            HttpResponse<String> scrape = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(demo.page.baseUri() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(scrape.statusCode()).isEqualTo(200);
            exposed = exposedNames(scrape.body());
        }
        assertThat(exposed).as("the scrape").isNotEmpty();
        Set<String> missing = new TreeSet<>(queried);
        missing.removeAll(exposed);
        assertThat(missing).as("metrics the dashboard queries that /metrics does not expose").isEmpty();
    }

    @Test
    void metricNamesAreReadOutOfPromQl() {
        assertThat(metricNames("sum by (app, kind) (increase(baton_dispatch_events_total{instance=~\"$instance\", "
                + "kind=~\"pass_thread_control|take_thread_control\"}[$__rate_interval]))"))
                .containsExactly("baton_dispatch_events_total");
        assertThat(metricNames("sum(rate(a_sum{x=\"y\"}[5m])) / sum(rate(a_count[5m])) > bool 0"))
                .containsExactlyInAnyOrder("a_sum", "a_count");
        assertThat(metricNames("label_values(baton_http_responses_total, instance)"))
                .containsExactly("baton_http_responses_total");
    }

    private static void collectExpressions(JsonNode node, List<String> into) {
        if (node.isObject()) {
            node.properties().forEach(field -> {
                if ((field.getKey().equals("expr") || field.getKey().equals("query") || field.getKey().equals("definition"))
                        && field.getValue().isTextual()) {
                    into.add(field.getValue().asText());
                } else {
                    collectExpressions(field.getValue(), into);
                }
            });
        } else if (node.isArray()) {
            node.forEach(child -> collectExpressions(child, into));
        }
    }

    /** The metric names of one PromQL expression (or a {@code label_values(metric, label)} variable query). */
    static Set<String> metricNames(String expression) {
        Set<String> names = new TreeSet<>();
        Matcher labelValues = LABEL_VALUES.matcher(expression);
        if (labelValues.find()) {
            names.add(labelValues.group(1));
            return names;
        }
        if (expression.equals("prometheus")) {
            return names; // the datasource variable's plugin type
        }
        String bare = expression.replaceAll("\"(\\\\.|[^\"\\\\])*\"", "\"\"")
                .replaceAll("\\{[^}]*}", " ")
                .replaceAll("\\[[^]]*]", " ")
                .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ");
        Matcher matcher = IDENTIFIER.matcher(bare);
        while (matcher.find()) {
            String name = matcher.group();
            int next = matcher.end();
            while (next < bare.length() && bare.charAt(next) == ' ') {
                next++;
            }
            boolean function = next < bare.length() && bare.charAt(next) == '(';
            boolean variable = matcher.start() > 0 && bare.charAt(matcher.start() - 1) == '$';
            if (!function && !variable && !KEYWORDS.contains(name)) {
                names.add(name);
            }
        }
        return names;
    }

    private static Set<String> exposedNames(String scrape) {
        Set<String> names = new TreeSet<>();
        for (String line : scrape.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int end = 0;
            while (end < line.length() && line.charAt(end) != '{' && line.charAt(end) != ' ') {
                end++;
            }
            names.add(line.substring(0, end));
        }
        return names;
    }
}
