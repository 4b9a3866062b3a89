package dev.lookout.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuditJsonTest {

    @Test
    void passwords_tokens_keys_and_csrf_tokens_are_redacted_at_any_depth() {
        String json = AuditJson.of(Map.of("name", "ada", "password", "hunter2-hunter2", "nested", List.of(Map.of(
                "api_key", "lk_abc", "key", "lk_def", "csrf", "c5rf", "totp_secret", "JBSWY3DP", "session_token", "s3ss",
                "recovery_codes", List.of("r1", "r2"), "password_hash", "$argon2id$x"))));
        assertThat(json).contains("\"name\":\"ada\"").contains(AuditJson.REDACTED)
                .doesNotContain("hunter2", "lk_abc", "lk_def", "c5rf", "JBSWY3DP", "s3ss", "r1", "r2", "argon2id");
    }

    @Test
    void a_url_keeps_only_its_scheme_and_host_but_text_with_a_link_stays_as_written() {
        String json = AuditJson.of(Map.of("webhook_url", "https://hooks.slack.com/services/T0/B0/s3cr3t",
                "address", "https://user:pw@example.com:8443/h?token=t0k", "body", "See https://example.com/status?x=1 for more"));
        assertThat(json).contains("https://hooks.slack.com/" + AuditJson.REDACTED, "https://example.com:8443/" + AuditJson.REDACTED,
                "See https://example.com/status?x=1 for more").doesNotContain("s3cr3t", "pw@", "t0k");
    }

    @Test
    void request_text_that_is_not_json_is_left_out_and_form_fields_are_redacted() {
        assertThat(AuditJson.ofText("name=ada&password=x")).isNull();
        assertThat(AuditJson.ofText("")).isNull();
        assertThat(AuditJson.ofForm(Map.of("name", List.of("ada"), "password", List.of("hunter2"), "csrf", List.of("c"))))
                .contains("\"name\":\"ada\"").doesNotContain("hunter2", "\"c\"");
    }
}
