package dev.lookout.check.tls;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CertificateNamesTest {

    @Test
    void an_exact_name_matches() {
        assertThat(CertificateNames.matches("api.example.com", "api.example.com")).isTrue();
        assertThat(CertificateNames.matches("api.example.com", "www.example.com")).isFalse();
    }

    @Test
    void a_wildcard_matches_exactly_one_left_most_label() {
        assertThat(CertificateNames.matches("*.example.com", "api.example.com")).isTrue();
        assertThat(CertificateNames.matches("*.example.com", "a.b.example.com")).isFalse();
        assertThat(CertificateNames.matches("*.example.com", "example.com")).isFalse();
    }

    @Test
    void wildcards_need_two_labels_after_them_and_must_be_a_whole_label() {
        assertThat(CertificateNames.matches("*.com", "example.com")).isFalse();
        assertThat(CertificateNames.matches("w*.example.com", "www.example.com")).isFalse();
        assertThat(CertificateNames.matches("www.*.com", "www.example.com")).isFalse();
        assertThat(CertificateNames.matches("*.*.example.com", "a.b.example.com")).isFalse();
    }
}
