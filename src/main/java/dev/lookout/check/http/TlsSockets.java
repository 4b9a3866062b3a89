package dev.lookout.check.http;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/** The two TLS socket factories a check needs (HTTP, WebSocket): the JDK's trusting the system CAs, and one trusting anything. */
public final class TlsSockets {

    private TlsSockets() {
    }

    public static SSLSocketFactory factory(boolean verify) {
        return verify ? (SSLSocketFactory) SSLSocketFactory.getDefault() : TrustAll.FACTORY;
    }

    /** For {@code verifyTls: false}: internal services with self-signed certificates still get a TLS handshake timed. */
    private static final class TrustAll {
        static final SSLSocketFactory FACTORY = create();

        private static SSLSocketFactory create() {
            TrustManager trustAll = new X509TrustManager() {
                @Override
                public void checkClientTrusted(X509Certificate[] chain, String authType) {
                }

                @Override
                public void checkServerTrusted(X509Certificate[] chain, String authType) {
                }

                @Override
                public X509Certificate[] getAcceptedIssuers() {
                    return new X509Certificate[0];
                }
            };
            try {
                SSLContext context = SSLContext.getInstance("TLS");
                context.init(null, new TrustManager[] {trustAll}, new SecureRandom());
                return context.getSocketFactory();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("the JDK offers no TLS context", e);
            }
        }
    }
}
