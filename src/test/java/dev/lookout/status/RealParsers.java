package dev.lookout.status;

import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Feeds and calendars read by the parsers their readers use, not by our own code: Debian's
 * {@code python3-feedparser} (the Universal Feed Parser) and {@code python3-icalendar}, run by
 * Debian's {@code /usr/bin/python3}. A missing parser fails the test with the command that
 * installs it ({@code .ci/run} installs both): a green build means the feeds were parsed.
 */
public final class RealParsers {
    static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String FEEDPARSER = """
            import json, sys, time
            import feedparser
            headers = {"content-type": sys.argv[1]} if len(sys.argv) > 1 and sys.argv[1] else None
            d = feedparser.parse(sys.stdin.buffer.read(), response_headers=headers)
            def t(x):
                return time.strftime("%Y-%m-%dT%H:%M:%SZ", x) if x else None
            print(json.dumps({
                "bozo": int(d.bozo),
                "bozo_exception": repr(d.get("bozo_exception")) if d.bozo else None,
                "version": d.version,
                "encoding": d.get("encoding"),
                "feed": {"title": d.feed.get("title"), "link": d.feed.get("link"),
                         "updated": t(d.feed.get("updated_parsed")), "links": [l.get("href") for l in d.feed.get("links", [])]},
                "entries": [{"title": e.get("title"), "link": e.get("link"), "id": e.get("id"),
                             "published": t(e.get("published_parsed")), "updated": t(e.get("updated_parsed")),
                             "summary": e.get("summary"),
                             "content": [c.get("value") for c in e.get("content", [])]} for e in d.entries],
            }))
            """;

    private static final String ICALENDAR = """
            import json, sys
            from icalendar import Calendar
            cal = Calendar.from_ical(sys.stdin.buffer.read())
            def dt(v):
                return v.dt.isoformat() if v is not None else None
            errors = [[c.name, [list(e) for e in c.errors]] for c in cal.walk() if c.errors]
            print(json.dumps({
                "version": str(cal.get("VERSION")), "prodid": str(cal.get("PRODID")), "errors": errors,
                "events": [{"uid": str(c.get("UID")), "summary": str(c.get("SUMMARY")),
                            "description": str(c.get("DESCRIPTION")), "status": str(c.get("STATUS")),
                            "url": str(c.get("URL")), "sequence": int(c.get("SEQUENCE")),
                            "dtstart": dt(c.get("DTSTART")), "dtend": dt(c.get("DTEND")),
                            "dtstamp": dt(c.get("DTSTAMP"))} for c in cal.walk("VEVENT")],
            }))
            """;

    private RealParsers() {
    }

    /** The feed as feedparser reads it; {@code contentType} as an HTTP response would declare it, or null. */
    public static JsonNode feedparser(byte[] feed, String contentType) {
        return run("feedparser", "python3-feedparser", FEEDPARSER, feed, contentType == null ? "" : contentType);
    }

    /** The calendar as the icalendar package reads it. */
    public static JsonNode icalendar(byte[] calendar) {
        return run("icalendar", "python3-icalendar", ICALENDAR, calendar, null);
    }

    private static JsonNode run(String module, String debianPackage, String script, byte[] input, String argument) {
        if (!Files.isExecutable(PYTHON)) {
            fail(PYTHON + " is missing: this test parses with Debian's " + debianPackage
                    + " (apt-get install -y " + debianPackage + "; .ci/run installs it)");
        }
        List<String> command = argument == null ? List.of(PYTHON.toString(), "-c", script)
                : List.of(PYTHON.toString(), "-c", script, argument);
        try {
            Process process = new ProcessBuilder(command).start();
            CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
            CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
            try (OutputStream stdin = process.getOutputStream()) {
                stdin.write(input);
            }
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail(module + " did not answer within 60 s");
            }
            String stderr = new String(err.join(), StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                if (stderr.contains("No module named")) {
                    fail("Python module '" + module + "' is missing: apt-get install -y " + debianPackage
                            + " (.ci/run installs it). " + stderr.strip());
                }
                fail(module + " failed (exit " + process.exitValue() + "): " + stderr.strip());
            }
            return JSON.readTree(out.join());
        } catch (IOException e) {
            throw new AssertionError("cannot run " + PYTHON + " for " + module + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while " + module + " parsed", e);
        }
    }

    private static byte[] readAll(InputStream in) {
        try (in) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
