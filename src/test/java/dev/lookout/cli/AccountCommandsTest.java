package dev.lookout.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lookout user ...} and {@code lookout api-key ...} on a running node's database, and what the API then says. */
class AccountCommandsTest {
    @TempDir
    Path dir;
    private RunningLookout lookout;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        lookout = new RunningLookout(dir);
    }

    @AfterEach
    void stop() {
        lookout.close();
    }

    private RunningLookout.Run cli(String stdin, String... args) {
        String[] all = java.util.stream.Stream.concat(java.util.Arrays.stream(args),
                java.util.stream.Stream.of("--config", lookout.serverConfig.toString())).toArray(String[]::new);
        return RunningLookout.runWith(Map.of(), stdin, all);
    }

    private HttpResponse<String> get(String path, String key) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(lookout.url() + path)).header("Authorization", "Bearer " + key).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void users_are_added_listed_given_a_new_password_and_removed_and_no_password_is_an_argument() throws Exception {
        Path file = dir.resolve("password.txt");
        Files.writeString(file, "from a file, long enough\n");
        assertThat(cli("", "user", "add", "ada", "--role", "admin", "--password-file", file.toString()).out())
                .isEqualTo("added ada (admin)\n");
        RunningLookout.Run empty = cli("", "user", "add", "bob", "--role", "viewer");
        assertThat(empty.exit()).isEqualTo(2);
        assertThat(empty.err()).contains("no password: give --password-file FILE, or the password on standard input");
        RunningLookout.Run weak = cli("short\n", "user", "add", "bob", "--role", "viewer");
        assertThat(weak.exit()).isEqualTo(1);
        assertThat(weak.err()).isEqualTo("lookout: a password has at least 12 characters\n");
        assertThat(cli("x\n", "user", "add", "bob", "--role", "boss").err()).contains("unknown role 'boss' (known: admin, editor, viewer)");
        assertThat(cli("", "user", "add", "--help").out()).doesNotContain("--password ");
        cli("bob's long password\n", "user", "add", "bob", "--role", "viewer");

        assertThat(cli("", "user", "list").out()).containsPattern("ada +admin ").containsPattern("bob +viewer ");
        assertThat(cli("another long password\n", "user", "passwd", "bob").out())
                .isEqualTo("changed the password of bob; their sessions have ended\n");
        assertThat(cli("", "user", "remove", "bob").out()).isEqualTo("removed bob\n");
        RunningLookout.Run again = cli("", "user", "remove", "bob");
        assertThat(again.exit()).isEqualTo(1);
        assertThat(again.err()).isEqualTo("lookout: no user named 'bob'\n");
        assertThat(cli("", "user", "list").out()).doesNotContain("bob");
    }

    @Test
    void an_api_key_is_shown_once_works_at_once_lists_without_its_secret_and_stops_when_revoked() throws Exception {
        RunningLookout.Run created = cli("", "api-key", "create", "--role", "viewer", "--expires", "30d", "dashboards");
        String key = created.out().strip();
        assertThat(key).startsWith("lk_").hasSize(46);
        assertThat(created.err()).contains("created API key 1 'dashboards' (viewer, expires ").contains("shown this once");

        HttpResponse<String> me = get("/api/v1/me", key);
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(me.body()).isEqualTo("{\"name\":\"api key 'dashboards'\",\"role\":\"viewer\",\"via\":\"bearer\"}");
        assertThat(get("/api/v1/users", key).statusCode()).isEqualTo(403);

        String list = cli("", "api-key", "list").out();
        assertThat(list).contains("dashboards").contains(key.substring(0, 9) + "...").doesNotContain(key.substring(9))
                .containsPattern("last used 20");
        HttpResponse<String> keys = get("/api/v1/api-keys", RunningLookout.TOKEN);
        assertThat(keys.body()).contains("\"name\":\"dashboards\"").doesNotContain(key.substring(9));

        assertThat(cli("", "api-key", "revoke", "1").out()).isEqualTo("revoked API key 1\n");
        assertThat(get("/api/v1/me", key).statusCode()).isEqualTo(401);
        assertThat(cli("", "api-key", "revoke", "1").err()).isEqualTo("lookout: no active API key with id 1\n");
    }

    @Test
    void an_admin_manages_users_and_keys_through_the_api() throws Exception {
        HttpResponse<String> added = http.send(HttpRequest.newBuilder(URI.create(lookout.url() + "/api/v1/users"))
                .header("Authorization", "Bearer " + RunningLookout.TOKEN)
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"cy\",\"role\":\"editor\",\"password\":\"twelve chars!\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(added.statusCode()).isEqualTo(201);
        assertThat(added.body()).startsWith("{\"name\":\"cy\",\"role\":\"editor\",\"created_at\":");
        HttpResponse<String> key = http.send(HttpRequest.newBuilder(URI.create(lookout.url() + "/api/v1/api-keys"))
                .header("Authorization", "Bearer " + RunningLookout.TOKEN)
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"deploy\",\"role\":\"root\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(key.statusCode()).isEqualTo(400);
        assertThat(key.body()).isEqualTo("{\"error\":\"unknown role 'root' (known: admin, editor, viewer)\",\"status\":400}");
        assertThat(get("/api/v1/users", RunningLookout.TOKEN).body()).contains("\"name\":\"cy\"").doesNotContain("argon2");
    }
}
