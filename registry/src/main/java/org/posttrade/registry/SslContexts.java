package org.posttrade.registry;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** Builds an SSLContext from the truststore and keystore files named in {@link RegistryConfig.TlsSettings}. */
final class SslContexts {
    private SslContexts() {}

    static SSLContext from(RegistryConfig.TlsSettings tls) {
        try {
            TrustManagerFactory tmf = null;
            if (tls.truststoreLocation() != null) {
                tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(load(tls.truststoreLocation(), tls.truststorePassword(), tls.truststoreType()));
            }
            KeyManagerFactory kmf = null;
            if (tls.keystoreLocation() != null) {
                char[] password = tls.keystorePassword() == null ? null : tls.keystorePassword().toCharArray();
                kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(load(tls.keystoreLocation(), tls.keystorePassword(), tls.keystoreType()), password);
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf == null ? null : kmf.getKeyManagers(), tmf == null ? null : tmf.getTrustManagers(), null);
            return context;
        } catch (Exception e) {
            throw new IllegalArgumentException("cannot set up TLS for the schema registry from " + tls + ": "
                    + e.getMessage(), e);
        }
    }

    private static KeyStore load(String location, String password, String type) throws Exception {
        KeyStore store = KeyStore.getInstance(type);
        try (InputStream in = Files.newInputStream(Path.of(location))) {
            store.load(in, password == null ? null : password.toCharArray());
        }
        return store;
    }
}
