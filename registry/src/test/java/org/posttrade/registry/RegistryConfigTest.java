package org.posttrade.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RegistryConfigTest {

    @Test
    void readsSeveralUrlsAndDropsTrailingSlashes() {
        RegistryConfig config = RegistryConfig.fromProperties(
                Map.of(RegistryConfig.URL, "https://a.example/ , https://b.example"));
        assertThat(config.urls()).containsExactly("https://a.example", "https://b.example");
        assertThat(config.autoRegister()).isTrue();
    }

    @Test
    void namesTheMissingProperty() {
        assertThatThrownBy(() -> RegistryConfig.fromProperties(Map.of()))
                .hasMessageContaining(RegistryConfig.URL);
    }

    @Test
    void refusesUserInfoWithoutPassword() {
        assertThatThrownBy(() -> RegistryConfig.fromProperties(
                Map.of(RegistryConfig.URL, "http://r", RegistryConfig.BASIC_AUTH_USER_INFO, "justauser")))
                .hasMessageContaining(RegistryConfig.BASIC_AUTH_USER_INFO);
    }

    @Test
    void neverPrintsSecrets() {
        RegistryConfig config = RegistryConfig.fromProperties(Map.of(RegistryConfig.URL, "http://r",
                RegistryConfig.BASIC_AUTH_USER_INFO, "svc:s3cret-pass",
                RegistryConfig.TRUSTSTORE_LOCATION, "/etc/ts.p12",
                RegistryConfig.TRUSTSTORE_PASSWORD, "trust-pass"));
        assertThat(config.toString()).doesNotContain("s3cret-pass").doesNotContain("trust-pass")
                .contains("basicAuth=<set>").contains("/etc/ts.p12");
    }
}
