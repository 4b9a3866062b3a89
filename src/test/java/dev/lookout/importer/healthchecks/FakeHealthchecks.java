package dev.lookout.importer.healthchecks;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A local stand-in for Healthchecks' Management API v3 (the hosted one cannot run here): it
 * answers {@code /api/v3/checks/} and {@code /api/v3/channels/} with the JSON Healthchecks
 * writes (field for field as {@code Check.to_dict} and {@code Channel.to_dict} in
 * {@code hc/api/models.py}, the examples of {@code templates/docs/api.md}), authorizes as
 * {@code hc/api/decorators.py} does, and records every request.
 */
public final class FakeHealthchecks implements AutoCloseable {
    public static final String READ_WRITE_KEY = "Xo3iQvDNbd6mnKGYUK2xBW5ESXKxoDQe";
    public static final String READ_ONLY_KEY = "7Y1jIhKoxfQY7dwQdWNlOWyhbAuNMKBN";

    /** One request as the server saw it. */
    public record Request(String method, String path, String apiKey) {
    }

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final String pingEndpoint;

    /**
     * @param pingEndpoint Healthchecks' PING_ENDPOINT as its API writes it in {@code ping_url}:
     *                     {@code https://hc-ping.com/} for the hosted service, {@code SITE_ROOT/ping/} self-hosted;
     *                     null for this server's own {@code /ping/}
     */
    public FakeHealthchecks(String pingEndpoint) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        this.pingEndpoint = pingEndpoint == null ? url() + "/ping/" : pingEndpoint;
        server.createContext("/", exchange -> {
            String key = exchange.getRequestHeaders().getFirst("X-Api-Key");
            String path = exchange.getRequestURI().getRawPath() + (exchange.getRequestURI().getRawQuery() == null ? ""
                    : "?" + exchange.getRequestURI().getRawQuery());
            requests.add(new Request(exchange.getRequestMethod(), path, key));
            int status;
            String body;
            boolean readOnly = READ_ONLY_KEY.equals(key);
            if (key == null || key.length() != 32) {
                status = 401;
                body = "{\"error\": \"missing api key\"}";
            } else if (!READ_WRITE_KEY.equals(key) && !readOnly) {
                status = 401;
                body = "{\"error\": \"wrong api key\"}";
            } else if (path.equals("/api/v3/checks/") && exchange.getRequestMethod().equals("GET")) {
                status = 200;
                body = readOnly ? CHECKS_READ_ONLY : checks();
            } else if (path.equals("/api/v3/channels/") && exchange.getRequestMethod().equals("GET")) {
                // channels() is @authorize: a read-only key is refused
                status = readOnly ? 401 : 200;
                body = readOnly ? "{\"error\": \"wrong api key\"}" : CHANNELS;
            } else {
                status = 404;
                body = "<h1>Not Found</h1>";
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", status == 404 ? "text/html" : "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private String checks() {
        return CHECKS.replace("PING_ENDPOINT", pingEndpoint).replace("SITE_ROOT", url().toString());
    }

    /**
     * The two checks of the API documentation's example, then a project's usual others: a
     * paused one, an OnCalendar schedule, keyword filters with POST only and manual resume, two
     * checks sharing a slug, and one without a slug.
     */
    private static final String CHECKS = """
            {"checks": [
              {"name": "Filesystem Backup", "slug": "filesystem-backup", "tags": "backup fs", "desc": "Runs incremental backup every hour",
               "grace": 600, "n_pings": 1, "status": "up", "started": false, "last_ping": "2020-03-24T14:02:03+00:00",
               "next_ping": "2020-03-24T15:02:03+00:00", "manual_resume": false, "methods": "", "subject": "", "subject_fail": "",
               "start_kw": "START", "success_kw": "SUCCESS", "failure_kw": "ERROR", "filter_subject": false, "filter_body": false,
               "filter_http_body": false, "filter_default_fail": false,
               "badge_url": "SITE_ROOT/b/2/1b9d0386-d07e-44b0-8995-4a9a372de43c.svg",
               "uuid": "31365bce-8da9-4729-8ff3-aaa71d56b712", "ping_url": "PING_ENDPOINT31365bce-8da9-4729-8ff3-aaa71d56b712",
               "update_url": "SITE_ROOT/api/v3/checks/31365bce-8da9-4729-8ff3-aaa71d56b712",
               "pause_url": "SITE_ROOT/api/v3/checks/31365bce-8da9-4729-8ff3-aaa71d56b712/pause",
               "resume_url": "SITE_ROOT/api/v3/checks/31365bce-8da9-4729-8ff3-aaa71d56b712/resume",
               "channels": "1bdea468-03bf-47b8-ab27-29a9dd0e4b94,51c6eb2b-2ae1-456b-99fe-6f1e0a36cd3c", "timeout": 3600},
              {"name": "Database Backup", "slug": "database-backup", "tags": "production db", "desc": "Runs ~/db-backup.sh",
               "grace": 1200, "n_pings": 7, "status": "down", "started": false, "last_ping": "2020-03-23T10:19:32+00:00",
               "next_ping": null, "manual_resume": false, "methods": "", "subject": "", "subject_fail": "", "start_kw": "",
               "success_kw": "", "failure_kw": "", "filter_subject": false, "filter_body": false, "filter_http_body": false,
               "filter_default_fail": false, "badge_url": "SITE_ROOT/b/2/7d3ab93d-836e-4505-bbda-fcbd5e07adf9.svg",
               "last_duration": 134,
               "uuid": "803f680d-e89b-492b-82ef-2be7b774a92d", "ping_url": "PING_ENDPOINT803f680d-e89b-492b-82ef-2be7b774a92d",
               "update_url": "SITE_ROOT/api/v3/checks/803f680d-e89b-492b-82ef-2be7b774a92d",
               "pause_url": "SITE_ROOT/api/v3/checks/803f680d-e89b-492b-82ef-2be7b774a92d/pause",
               "resume_url": "SITE_ROOT/api/v3/checks/803f680d-e89b-492b-82ef-2be7b774a92d/resume",
               "channels": "1bdea468-03bf-47b8-ab27-29a9dd0e4b94,51c6eb2b-2ae1-456b-99fe-6f1e0a36cd3c",
               "schedule": "15 5 * * *", "tz": "UTC"},
              {"name": "Certificate renewal", "slug": "certificate-renewal", "tags": "tls", "desc": "",
               "grace": 86400, "n_pings": 41, "status": "paused", "started": false, "last_ping": "2020-03-20T03:00:11+00:00",
               "next_ping": null, "manual_resume": false, "methods": "", "subject": "", "subject_fail": "", "start_kw": "",
               "success_kw": "", "failure_kw": "", "filter_subject": false, "filter_body": false, "filter_http_body": false,
               "filter_default_fail": false, "badge_url": "SITE_ROOT/b/2/0b3a4c5d-6e7f-4a1b-9c2d-3e4f5a6b7c8d.svg",
               "uuid": "e0f4c6a2-1d3b-4f5e-8a7c-9b0d1e2f3a4b", "ping_url": "PING_ENDPOINTe0f4c6a2-1d3b-4f5e-8a7c-9b0d1e2f3a4b",
               "update_url": "SITE_ROOT/api/v3/checks/e0f4c6a2-1d3b-4f5e-8a7c-9b0d1e2f3a4b",
               "pause_url": "SITE_ROOT/api/v3/checks/e0f4c6a2-1d3b-4f5e-8a7c-9b0d1e2f3a4b/pause",
               "resume_url": "SITE_ROOT/api/v3/checks/e0f4c6a2-1d3b-4f5e-8a7c-9b0d1e2f3a4b/resume",
               "channels": "4ec5a071-2d08-4baa-898a-eb4eb3cd6941", "schedule": "0 3 * * 1", "tz": "Europe/Riga"},
              {"name": "Weekly report", "slug": "weekly-report", "tags": "", "desc": "",
               "grace": 3600, "n_pings": 0, "status": "new", "started": false, "last_ping": null,
               "next_ping": null, "manual_resume": false, "methods": "", "subject": "", "subject_fail": "", "start_kw": "",
               "success_kw": "", "failure_kw": "", "filter_subject": false, "filter_body": false, "filter_http_body": false,
               "filter_default_fail": false, "badge_url": "SITE_ROOT/b/2/2c4e6a8b-0d1f-4a3c-8e5b-7d9f1a3c5e7b.svg",
               "uuid": "a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d", "ping_url": "PING_ENDPOINTa1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d",
               "update_url": "SITE_ROOT/api/v3/checks/a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d",
               "pause_url": "SITE_ROOT/api/v3/checks/a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d/pause",
               "resume_url": "SITE_ROOT/api/v3/checks/a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d/resume",
               "channels": "", "schedule": "Mon *-*-* 09:00:00", "tz": "Europe/Riga"},
              {"name": "Queue worker", "slug": "queue-worker", "tags": "workers", "desc": "POSTs its batch summary",
               "grace": 120, "n_pings": 9021, "status": "up", "started": true, "last_ping": "2020-03-24T14:58:00+00:00",
               "next_ping": "2020-03-24T14:59:00+00:00", "manual_resume": true, "methods": "POST", "subject": "",
               "subject_fail": "", "start_kw": "", "success_kw": "OK", "failure_kw": "FAILED", "filter_subject": false,
               "filter_body": false, "filter_http_body": true, "filter_default_fail": false,
               "badge_url": "SITE_ROOT/b/2/3d5f7b9c-1e2a-4b4d-9f6c-8e0a2b4d6f8c.svg",
               "uuid": "5c7e9a1b-3d5f-4b7d-9e1a-3c5e7a9b1d3f", "ping_url": "PING_ENDPOINT5c7e9a1b-3d5f-4b7d-9e1a-3c5e7a9b1d3f",
               "update_url": "SITE_ROOT/api/v3/checks/5c7e9a1b-3d5f-4b7d-9e1a-3c5e7a9b1d3f",
               "pause_url": "SITE_ROOT/api/v3/checks/5c7e9a1b-3d5f-4b7d-9e1a-3c5e7a9b1d3f/pause",
               "resume_url": "SITE_ROOT/api/v3/checks/5c7e9a1b-3d5f-4b7d-9e1a-3c5e7a9b1d3f/resume",
               "channels": "746a083e-f542-4554-be1a-707ce16d3acc,1bdea468-03bf-47b8-ab27-29a9dd0e4b94", "timeout": 60},
              {"name": "Queue worker (eu)", "slug": "queue-worker", "tags": "workers eu", "desc": "",
               "grace": 120, "n_pings": 8870, "status": "up", "started": false, "last_ping": "2020-03-24T14:58:30+00:00",
               "next_ping": "2020-03-24T14:59:30+00:00", "manual_resume": false, "methods": "", "subject": "",
               "subject_fail": "", "start_kw": "", "success_kw": "", "failure_kw": "", "filter_subject": false,
               "filter_body": false, "filter_http_body": false, "filter_default_fail": false,
               "badge_url": "SITE_ROOT/b/2/4e6a8c0d-2f3b-4c5e-8a7d-9f1b3d5f7a9c.svg",
               "uuid": "6d8f0b2c-4e6a-4c8e-8f2b-4d6f8b0c2e4a", "ping_url": "PING_ENDPOINT6d8f0b2c-4e6a-4c8e-8f2b-4d6f8b0c2e4a",
               "update_url": "SITE_ROOT/api/v3/checks/6d8f0b2c-4e6a-4c8e-8f2b-4d6f8b0c2e4a",
               "pause_url": "SITE_ROOT/api/v3/checks/6d8f0b2c-4e6a-4c8e-8f2b-4d6f8b0c2e4a/pause",
               "resume_url": "SITE_ROOT/api/v3/checks/6d8f0b2c-4e6a-4c8e-8f2b-4d6f8b0c2e4a/resume",
               "channels": "1bdea468-03bf-47b8-ab27-29a9dd0e4b94", "timeout": 60},
              {"name": "Ad-hoc import", "slug": "", "tags": "", "desc": "",
               "grace": 3600, "n_pings": 2, "status": "up", "started": false, "last_ping": "2020-03-24T09:00:00+00:00",
               "next_ping": "2020-03-25T09:00:00+00:00", "manual_resume": false, "methods": "", "subject": "",
               "subject_fail": "", "start_kw": "", "success_kw": "", "failure_kw": "", "filter_subject": false,
               "filter_body": false, "filter_http_body": false, "filter_default_fail": false,
               "badge_url": "SITE_ROOT/b/2/5f7b9d1e-3a4c-4d6f-9b8e-0a2c4e6a8b0d.svg",
               "uuid": "7e9a1c3d-5f7b-4d9f-8a3c-5e7a9c1d3f5b", "ping_url": "PING_ENDPOINT7e9a1c3d-5f7b-4d9f-8a3c-5e7a9c1d3f5b",
               "update_url": "SITE_ROOT/api/v3/checks/7e9a1c3d-5f7b-4d9f-8a3c-5e7a9c1d3f5b",
               "pause_url": "SITE_ROOT/api/v3/checks/7e9a1c3d-5f7b-4d9f-8a3c-5e7a9c1d3f5b/pause",
               "resume_url": "SITE_ROOT/api/v3/checks/7e9a1c3d-5f7b-4d9f-8a3c-5e7a9c1d3f5b/resume",
               "channels": "", "timeout": 86400}
            ]}""";

    private static final String CHECKS_READ_ONLY = """
            {"checks": [
              {"name": "Filesystem Backup", "slug": "filesystem-backup", "tags": "backup fs", "desc": "Runs incremental backup every hour",
               "grace": 600, "n_pings": 1, "status": "up", "started": false, "last_ping": "2020-03-24T14:02:03+00:00",
               "next_ping": "2020-03-24T15:02:03+00:00", "manual_resume": false, "methods": "", "subject": "", "subject_fail": "",
               "start_kw": "START", "success_kw": "SUCCESS", "failure_kw": "ERROR", "filter_subject": false, "filter_body": false,
               "filter_http_body": false, "filter_default_fail": false,
               "badge_url": "https://healthchecks.io/b/2/1b9d0386-d07e-44b0-8995-4a9a372de43c.svg",
               "unique_key": "a6c7b0a8a66bed0df66abfdab3c77736861703ee", "timeout": 3600}
            ]}""";

    /** The documentation's two integrations, and the two the example checks name. */
    private static final String CHANNELS = """
            {"channels": [
              {"id": "4ec5a071-2d08-4baa-898a-eb4eb3cd6941", "name": "My Work Email", "kind": "email"},
              {"id": "746a083e-f542-4554-be1a-707ce16d3acc", "name": "My Phone", "kind": "sms"},
              {"id": "1bdea468-03bf-47b8-ab27-29a9dd0e4b94", "name": "Ops Slack", "kind": "slack"},
              {"id": "51c6eb2b-2ae1-456b-99fe-6f1e0a36cd3c", "name": "", "kind": "webhook"}
            ]}""";
}
