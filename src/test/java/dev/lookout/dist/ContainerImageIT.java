package dev.lookout.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The OCI image tar that Jib writes without a container engine, read as a registry or an engine
 * would read it: {@code index.json} → manifest → config and layers. No engine runs here, so the
 * image is inspected, not started ({@code .ci/package-test} runs its files under chroot).
 */
class ContainerImageIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Every blob of the image tar by its digest ({@code sha256:...}). */
    private static final Map<String, byte[]> blobs = new HashMap<>();
    private static JsonNode manifest;
    private static JsonNode config;
    /** Every file of every layer, by path without the leading slash, the later layer winning. */
    private static final Map<String, TarArchiveEntry> files = new HashMap<>();
    private static final Map<String, byte[]> smallFiles = new HashMap<>();

    @BeforeAll
    static void read() throws IOException {
        try (TarArchiveInputStream tar = new TarArchiveInputStream(Files.newInputStream(Distribution.ociImage()))) {
            for (TarArchiveEntry e; (e = tar.getNextEntry()) != null; ) {
                if (e.isFile()) {
                    String name = e.getName();
                    blobs.put(name.startsWith("blobs/sha256/") ? "sha256:" + name.substring("blobs/sha256/".length()) : name,
                            tar.readAllBytes());
                }
            }
        }
        JsonNode index = JSON.readTree(blobs.get("index.json"));
        manifest = JSON.readTree(blobs.get(index.path("manifests").path(0).path("digest").asText()));
        config = JSON.readTree(blobs.get(manifest.path("config").path("digest").asText()));
        for (JsonNode layer : manifest.path("layers")) {
            byte[] blob = blobs.get(layer.path("digest").asText());
            assertThat(blob).as("layer %s is in the tar", layer.path("digest")).isNotNull();
            try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(blob));
                 TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
                for (TarArchiveEntry e; (e = tar.getNextEntry()) != null; ) {
                    String path = e.getName().replaceFirst("^\\./", "").replaceFirst("^/", "").replaceFirst("/$", "");
                    files.put(path, e);
                    if (path.startsWith("etc/")) {
                        smallFiles.put(path, tar.readAllBytes());
                    }
                }
            }
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static String mode(String path) {
        TarArchiveEntry e = files.get(path);
        assertThat(e).as("%s in the image's layers", path).isNotNull();
        return Integer.toOctalString(e.getMode() & 07777);
    }

    @Test
    void is_an_oci_image_for_linux_amd64() {
        assertThat(manifest.path("mediaType").asText()).isEqualTo("application/vnd.oci.image.manifest.v1+json");
        assertThat(config.path("os").asText()).isEqualTo("linux");
        assertThat(config.path("architecture").asText()).isEqualTo("amd64");
        assertThat(config.path("config").path("Labels").path("org.opencontainers.image.version").asText())
                .isEqualTo(Distribution.version());
    }

    @Test
    void runs_lookout_serve_as_a_user_that_is_not_root() {
        JsonNode c = config.path("config");

        assertThat(c.path("User").asText()).isEqualTo("10001:10001");
        assertThat(strings(c.path("Entrypoint"))).startsWith("/opt/lookout/runtime/bin/java").endsWith("dev.lookout.cli.Main");
        assertThat(strings(c.path("Cmd"))).containsExactly("serve", "--config", "/etc/lookout/lookout.yaml");
        assertThat(new String(smallFiles.get("etc/passwd"), StandardCharsets.UTF_8)).contains("lookout:x:10001:10001:");
    }

    @Test
    void listens_on_8080_on_all_interfaces_and_keeps_data_in_a_volume() {
        JsonNode c = config.path("config");

        assertThat(c.path("ExposedPorts").has("8080/tcp")).as(c.toString()).isTrue();
        assertThat(strings(c.path("Env"))).contains("LOOKOUT_LISTEN=0.0.0.0:8080");
        assertThat(c.path("Volumes").has("/var/lib/lookout")).as(c.toString()).isTrue();
        assertThat(c.path("WorkingDir").asText()).isEqualTo("/var/lib/lookout");
        assertThat(mode("var/lib/lookout")).as("writable by user 10001 in a volume made from the image").isEqualTo("777");
        assertThat(new String(smallFiles.get("etc/lookout/lookout.yaml"), StandardCharsets.UTF_8))
                .contains("${LOOKOUT_LISTEN:-127.0.0.1:8080}").contains("sqlite:///var/lib/lookout/lookout.db");
    }

    @Test
    void carries_its_own_java_runtime_and_c_library_on_an_empty_base() {
        assertThat(mode("opt/lookout/runtime/bin/java")).isEqualTo("755");
        assertThat(mode("opt/lookout/runtime/lib/jspawnhelper")).isEqualTo("755");
        assertThat(files).containsKeys("opt/lookout/runtime/lib/server/libjvm.so", "opt/lookout/runtime/lib/modules");
        assertThat(mode("lib64/ld-linux-x86-64.so.2")).isEqualTo("755");
        assertThat(files).containsKeys("lib/x86_64-linux-gnu/libc.so.6", "lib/x86_64-linux-gnu/libm.so.6",
                "lib/x86_64-linux-gnu/libdl.so.2", "lib/x86_64-linux-gnu/libpthread.so.0", "lib/x86_64-linux-gnu/librt.so.1");
        assertThat(mode("tmp")).as("sqlite-jdbc unpacks its native library to java.io.tmpdir").isEqualTo("777");
        assertThat(files).doesNotContainKey("bin/sh");
    }

    @Test
    void layers_the_dependencies_apart_from_the_classes_that_change_each_release() {
        List<String> layers = new ArrayList<>();
        manifest.path("layers").forEach(l -> layers.add(l.path("digest").asText()));

        assertThat(layers).hasSizeGreaterThanOrEqualTo(4).doesNotHaveDuplicates();
        assertThat(files.keySet()).anyMatch(p -> p.matches("app/libs/javalin-.*\\.jar"))
                .contains("app/classes/dev/lookout/cli/Main.class", "app/resources/dev/lookout/build/build.properties");
        assertThat(strings(config.path("rootfs").path("diff_ids"))).hasSameSizeAs(layers);
    }
}
