package dev.lookout.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lookout.check.CheckTypes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pages:}: several status pages, each with its components, language, time zone, logo, host or path. */
class PagesConfigTest {
    private final ConfigLoader loader = new ConfigLoader(CheckTypes.standard(), Map.of());

    private static final String COMPONENTS = """
            components:
              - { id: web, name: Website }
              - { id: api, name: API }
              - { id: db, name: Database }
            """;

    private List<String> errorsOf(String yaml) {
        try {
            loader.parse("lookout.yaml", yaml);
        } catch (ConfigException e) {
            return e.errors().stream().map(ConfigError::toString).toList();
        }
        throw new AssertionError("expected the configuration to be rejected");
    }

    @Test
    void without_pages_there_are_none_and_the_standard_page_shows_everything_in_english_and_utc() throws Exception {
        LookoutConfig config = loader.parse("lookout.yaml", COMPONENTS);
        assertThat(config.pages()).isEmpty();
        PageConfig standard = PageConfig.standard(PageConfig.DEFAULT_TITLE);
        assertThat(standard.title()).isEqualTo("Lookout status");
        assertThat(standard.filtered()).isFalse();
        assertThat(standard.timezone()).isEqualTo(ZoneId.of("Etc/UTC"));
        assertThat(standard.locale()).isEqualTo(Locale.ENGLISH);
        assertThat(standard.host()).isNull();
        assertThat(standard.path()).isEmpty();
    }

    @Test
    void reads_every_key_of_a_page_with_a_logo_file_beside_the_configuration(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("img"));
        Files.write(dir.resolve("img/logo.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G'});
        Path file = dir.resolve("lookout.yaml");
        Files.writeString(file, COMPONENTS + """
                pages:
                  - id: public
                    title: Example status
                    description: "Shop and API"
                    logo: img/logo.png
                    components: [web, api]
                    timezone: Europe/Paris
                    language: fr
                    host: Status.Example.COM
                  - id: internal
                    logo: "https://cdn.example.com/logo.svg"
                    language: de
                    path: /internal/
                """);
        LookoutConfig config = loader.load(file);
        PageConfig shop = config.pages().get(0);
        assertThat(shop.id()).isEqualTo("public");
        assertThat(shop.title()).isEqualTo("Example status");
        assertThat(shop.description()).isEqualTo("Shop and API");
        assertThat(shop.logo().url()).isNull();
        assertThat(shop.logo().bytes()).containsExactly(0x89, 'P', 'N', 'G');
        assertThat(shop.logo().contentType()).isEqualTo("image/png");
        assertThat(shop.components()).containsExactly("web", "api");
        assertThat(shop.filtered()).isTrue();
        assertThat(shop.timezone()).isEqualTo(ZoneId.of("Europe/Paris"));
        assertThat(shop.locale()).isEqualTo(Locale.FRENCH);
        assertThat(shop.host()).as("host names are compared in lower case").isEqualTo("status.example.com");
        assertThat(shop.path()).isEmpty();

        PageConfig internal = config.pages().get(1);
        assertThat(internal.title()).isEqualTo("Lookout status");
        assertThat(internal.description()).isEmpty();
        assertThat(internal.logo().url()).isEqualTo("https://cdn.example.com/logo.svg");
        assertThat(internal.components()).as("every component").isEmpty();
        assertThat(internal.filtered()).isFalse();
        assertThat(internal.timezone()).isEqualTo(ZoneId.of("Etc/UTC"));
        assertThat(internal.language()).isEqualTo("de");
        assertThat(internal.host()).isNull();
        assertThat(internal.path()).as("a trailing slash is dropped").isEqualTo("/internal");
    }

    @Test
    void every_problem_of_every_page_is_reported_with_its_position() {
        assertThat(errorsOf(COMPONENTS + """
                pages:
                  - { id: a, components: [web, nope], language: es, timezone: Europe/Atlantis }
                  - { id: b, host: status.example.com }
                  - { id: c, host: STATUS.example.com }
                  - { id: d, path: /internal }
                  - { id: e, path: /internal }
                  - { id: f }
                  - { id: g }
                  - { id: h, path: /api, host: "status.example.com:8443" }
                  - { id: a, path: "/a/b", titel: x }
                  - { id: i, components: [] }
                """)).containsExactly(
                "lookout.yaml:6:26 pages[0].components: no component with id 'nope' (declare it under components:)",
                "lookout.yaml:6:49 pages[0].language: unknown language 'es' (known: en, fr, de)",
                "lookout.yaml:6:63 pages[0].timezone: unknown time zone 'Europe/Atlantis' (use e.g. Europe/Paris or UTC)",
                "lookout.yaml:8:20 pages[2].host: page 'b' already has host 'status.example.com'",
                "lookout.yaml:10:20 pages[4].path: page 'd' already has path '/internal'",
                "lookout.yaml:12:5 pages[6]: page 'f' already has neither host nor path: only one page can be the default page"
                        + " at / (give this one a host or a path)",
                "lookout.yaml:13:20 pages[7].path: '/api' is used by Lookout's own routes (/alerts, /api, /badge, /components,"
                        + " /favicon.ico, /favicon.svg, /feeds, /healthz, /history, /incidents, /maintenances, /metrics, /pages, /ping, /readyz, /subscribe,"
                        + " /unsubscribe): choose another path",
                "lookout.yaml:13:32 pages[7].host: 'status.example.com:8443' is not a host name: give the name alone, without"
                        + " scheme, port or path (the port of a request is ignored when matching)",
                "lookout.yaml:14:11 pages[8].id: duplicate page id 'a'",
                "lookout.yaml:14:20 pages[8].path: '/a/b' is not a path prefix: one segment after '/' of letters, digits, '_',"
                        + " '-' or '.' (e.g. /internal)",
                "lookout.yaml:14:28 pages[8].titel: unknown key 'titel' (did you mean 'title'?)",
                "lookout.yaml:15:26 pages[9].components: names no component (leave the key out to show every component)");
    }

    @Test
    void a_logo_is_an_https_url_or_an_image_file_under_the_configuration_directory(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("notes.txt"), "not an image");
        Files.write(dir.resolve("big.png"), new byte[(int) PageConfigReader.MAX_LOGO_BYTES + 1]);
        Path file = dir.resolve("lookout.yaml");
        Files.writeString(file, """
                pages:
                  - { id: a, logo: "http://cdn.example.com/logo.png" }
                  - { id: b, logo: ../outside.png, path: /b }
                  - { id: c, logo: notes.txt, path: /c }
                  - { id: d, logo: missing.png, path: /d }
                  - { id: e, logo: big.png, path: /e }
                """);
        try {
            loader.load(file);
            throw new AssertionError("expected the configuration to be rejected");
        } catch (ConfigException e) {
            assertThat(e.errors().stream().map(ConfigError::toString).map(s -> s.replace(dir.toString(), "DIR")).toList())
                    .containsExactly(
                            "DIR/lookout.yaml:2:20 pages[0].logo: 'http://cdn.example.com/logo.png' is not https: browsers block"
                                    + " an http image on an https page; use https:// or a file",
                            "DIR/lookout.yaml:3:20 pages[1].logo: '../outside.png' is outside the configuration's directory DIR:"
                                    + " only files under it are served",
                            "DIR/lookout.yaml:4:20 pages[2].logo: 'notes.txt' is not an image file by its name (known: .gif,"
                                    + " .ico, .jpeg, .jpg, .png, .svg, .webp)",
                            "DIR/lookout.yaml:5:20 pages[3].logo: no file 'DIR/missing.png'",
                            "DIR/lookout.yaml:6:20 pages[4].logo: 'big.png' is 524289 bytes; a logo may have at most 524288");
        }
    }
}
