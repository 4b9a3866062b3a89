package dev.lookout.check.tls;

import dev.lookout.check.AddressResolver;
import java.net.InetAddress;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * Whether a certificate is for a host name, by the rules of HTTPS (RFC 2818, RFC 6125): an IP
 * address must be an iPAddress SAN; a name must match a dNSName SAN (the subject's CN only when the
 * certificate has no dNSName at all, as the JDK does). A wildcard is a whole left-most label
 * ({@code *.example.com}) matching exactly one label, and needs two labels after it; partial
 * wildcards ({@code w*.example.com}) are not honoured, as browsers do not.
 */
final class CertificateNames {
    private static final int DNS_NAME = 2;
    private static final int IP_ADDRESS = 7;

    private CertificateNames() {
    }

    static boolean matches(X509Certificate certificate, String host) {
        String name = normalise(host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host);
        Optional<InetAddress> ip = AddressResolver.literal(name);
        List<String> dnsNames = new ArrayList<>();
        for (List<?> san : subjectAltNames(certificate)) {
            int type = (Integer) san.get(0);
            String value = String.valueOf(san.get(1));
            if (ip.isPresent() && type == IP_ADDRESS && AddressResolver.literal(value).equals(ip)) {
                return true;
            }
            if (type == DNS_NAME) {
                dnsNames.add(value);
            }
        }
        if (ip.isPresent()) {
            return false;
        }
        if (dnsNames.isEmpty()) {
            dnsNames.addAll(commonName(certificate).stream().toList());
        }
        return dnsNames.stream().anyMatch(pattern -> matches(normalise(pattern), name));
    }

    /** One name pattern from a certificate against a host name, both lower case without a trailing dot. */
    static boolean matches(String pattern, String host) {
        if (!pattern.startsWith("*.")) {
            return !pattern.contains("*") && pattern.equals(host);
        }
        String suffix = pattern.substring(1); // ".example.com"
        if (suffix.indexOf('.', 1) < 0 || suffix.contains("*") || !host.endsWith(suffix)) {
            return false;
        }
        String label = host.substring(0, host.length() - suffix.length());
        return !label.isEmpty() && label.indexOf('.') < 0;
    }

    private static String normalise(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }

    private static Collection<List<?>> subjectAltNames(X509Certificate certificate) {
        try {
            Collection<List<?>> names = certificate.getSubjectAlternativeNames();
            return names == null ? List.of() : names;
        } catch (CertificateParsingException e) {
            return List.of();
        }
    }

    /** The most specific CN of the subject (the last in RFC 2253 order is the first written). */
    private static Optional<String> commonName(X509Certificate certificate) {
        try {
            List<Rdn> rdns = new LdapName(certificate.getSubjectX500Principal().getName()).getRdns();
            String found = null;
            for (Rdn rdn : rdns) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    found = String.valueOf(rdn.getValue());
                }
            }
            return Optional.ofNullable(found);
        } catch (InvalidNameException e) {
            return Optional.empty();
        }
    }
}
