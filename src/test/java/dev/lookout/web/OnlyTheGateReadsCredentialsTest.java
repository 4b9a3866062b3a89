package dev.lookout.web;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.javalin.http.Context;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No route checks access by hand: the session cookie is read by {@link SessionCookie} only, the
 * {@code Authorization} header by {@link AccessGate} only, and handlers learn who called from
 * {@link Caller}. (Uptime Kuma calls its login check by hand 80 times: miss one and there is a hole.)
 */
class OnlyTheGateReadsCredentialsTest {
    private static final JavaClasses MAIN = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.lookout");

    @Test
    void only_the_session_cookie_class_reads_cookies() {
        noClasses().that().doNotHaveFullyQualifiedName(SessionCookie.class.getName())
                .should().callMethod(Context.class, "cookie", String.class)
                .orShould().callMethod(Context.class, "cookieMap")
                .orShould().callMethod(Context.class, "basicAuthCredentials")
                .because("the access gate alone decides who a caller is")
                .check(MAIN);
    }

    @Test
    void only_the_gate_names_the_authorization_header() throws IOException {
        // the server's side only: checks, channels and the CLI are clients that send the header
        Path sources = Path.of("src/main/java/dev/lookout/web");
        try (Stream<Path> files = Files.walk(sources)) {
            List<String> naming = files.filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> read(f).contains("\"Authorization\""))
                    .map(f -> sources.relativize(f).toString()).toList();
            assertThat(naming).containsExactly("AccessGate.java");
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
