package org.posttrade.registry;

import java.io.Serializable;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Where the Schema Registry is and how to reach it. Property names follow Confluent's serializer configuration, so
 * a data team can reuse the settings it already has: {@code schema.registry.url} (one or more, comma separated,
 * tried in order), {@code basic.auth.user.info} ({@code user:password}), {@code schema.registry.ssl.truststore.*}
 * and {@code schema.registry.ssl.keystore.*} for TLS and mutual TLS.
 *
 * <p>Secrets never appear in {@link #toString()}.
 */
public final class RegistryConfig implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final String URL = "schema.registry.url";
    public static final String BASIC_AUTH_USER_INFO = "basic.auth.user.info";
    public static final String TRUSTSTORE_LOCATION = "schema.registry.ssl.truststore.location";
    public static final String TRUSTSTORE_PASSWORD = "schema.registry.ssl.truststore.password";
    public static final String TRUSTSTORE_TYPE = "schema.registry.ssl.truststore.type";
    public static final String KEYSTORE_LOCATION = "schema.registry.ssl.keystore.location";
    public static final String KEYSTORE_PASSWORD = "schema.registry.ssl.keystore.password";
    public static final String KEYSTORE_TYPE = "schema.registry.ssl.keystore.type";
    public static final String REQUEST_TIMEOUT_MS = "schema.registry.request.timeout.ms";
    public static final String AUTO_REGISTER = "auto.register.schemas";

    private final List<String> urls;
    private final String basicAuthUserInfo;
    private final TlsSettings tls;
    private final Duration requestTimeout;
    private final boolean autoRegister;

    private RegistryConfig(List<String> urls, String basicAuthUserInfo, TlsSettings tls, Duration requestTimeout,
                           boolean autoRegister) {
        this.urls = List.copyOf(urls);
        this.basicAuthUserInfo = basicAuthUserInfo;
        this.tls = tls;
        this.requestTimeout = requestTimeout;
        this.autoRegister = autoRegister;
    }

    /** A registry at one URL, no auth, no TLS settings beyond the JVM's defaults. */
    public static RegistryConfig of(String url) {
        return fromProperties(Map.of(URL, url));
    }

    /** Reads the Confluent-named properties; fails naming the property when one is missing or malformed. */
    public static RegistryConfig fromProperties(Map<String, String> props) {
        String url = props.get(URL);
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("missing " + URL);
        }
        List<String> urls = Arrays.stream(url.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .map(s -> s.endsWith("/") ? s.substring(0, s.length() - 1) : s).toList();
        for (String u : urls) {
            if (!u.startsWith("http://") && !u.startsWith("https://")) {
                throw new IllegalArgumentException(URL + " must be http(s) URLs, got: " + u);
            }
        }
        String userInfo = props.get(BASIC_AUTH_USER_INFO);
        if (userInfo != null && !userInfo.isEmpty() && !userInfo.contains(":")) {
            throw new IllegalArgumentException(BASIC_AUTH_USER_INFO + " must be user:password");
        }
        TlsSettings tls = new TlsSettings(props.get(TRUSTSTORE_LOCATION), props.get(TRUSTSTORE_PASSWORD),
                props.getOrDefault(TRUSTSTORE_TYPE, "PKCS12"), props.get(KEYSTORE_LOCATION),
                props.get(KEYSTORE_PASSWORD), props.getOrDefault(KEYSTORE_TYPE, "PKCS12"));
        long timeoutMs = Long.parseLong(props.getOrDefault(REQUEST_TIMEOUT_MS, "10000"));
        boolean autoRegister = Boolean.parseBoolean(props.getOrDefault(AUTO_REGISTER, "true"));
        return new RegistryConfig(urls, emptyToNull(userInfo), tls, Duration.ofMillis(timeoutMs), autoRegister);
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    public List<String> urls() { return urls; }

    public String basicAuthUserInfo() { return basicAuthUserInfo; }

    public TlsSettings tls() { return tls; }

    public Duration requestTimeout() { return requestTimeout; }

    /** Whether serializers register their schema when the subject lacks it (production often turns this off). */
    public boolean autoRegister() { return autoRegister; }

    @Override
    public String toString() {
        return "RegistryConfig{urls=" + urls + ", basicAuth=" + (basicAuthUserInfo == null ? "none" : "<set>")
                + ", truststore=" + tls.truststoreLocation() + ", keystore=" + tls.keystoreLocation()
                + ", timeout=" + requestTimeout + ", autoRegister=" + autoRegister + "}";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RegistryConfig other && urls.equals(other.urls)
                && Objects.equals(basicAuthUserInfo, other.basicAuthUserInfo) && tls.equals(other.tls)
                && requestTimeout.equals(other.requestTimeout) && autoRegister == other.autoRegister;
    }

    @Override
    public int hashCode() {
        return Objects.hash(urls, basicAuthUserInfo, tls, requestTimeout, autoRegister);
    }

    /** TLS material; null locations mean the JVM's default trust and no client certificate. */
    public record TlsSettings(String truststoreLocation, String truststorePassword, String truststoreType,
                              String keystoreLocation, String keystorePassword, String keystoreType)
            implements Serializable {
        public boolean isDefault() {
            return truststoreLocation == null && keystoreLocation == null;
        }

        @Override
        public String toString() {
            return "TlsSettings{truststore=" + truststoreLocation + ", keystore=" + keystoreLocation + "}";
        }
    }
}
