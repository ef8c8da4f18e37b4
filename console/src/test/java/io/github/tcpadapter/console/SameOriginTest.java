package io.github.tcpadapter.console;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SameOriginTest {

    private static final String HOST = "console.example:8080";

    @Test
    void thePagesOwnRequestsMayAct() {
        assertThat(SameOrigin.refusal("tcp-console", "http://console.example:8080", "same-origin", HOST, null))
                .isNull();
        assertThat(SameOrigin.refusal("tcp-console", null, null, HOST, null)).as("an older browser").isNull();
        assertThat(SameOrigin.refusal("tcp-console", "https://Console.Example", null, "console.example", null))
                .as("the scheme's port").isNull();
        assertThat(SameOrigin.refusal("tcp-console", "https://public.example", "same-origin", "backend:8080",
                "public.example")).as("behind a proxy that sets Host to its upstream").isNull();
        assertThat(SameOrigin.refusal("tcp-console", "http://[::1]:8080", null, "[::1]:8080", null)).isNull();
    }

    @Test
    void aRequestWithoutThePagesHeaderIsRefused() {
        for (String requestedBy : new String[] {null, "", "XMLHttpRequest"}) {
            assertThat(SameOrigin.refusal(requestedBy, "http://console.example:8080", "same-origin", HOST, null))
                    .as(requestedBy).contains("X-Requested-By: tcp-console");
        }
    }

    @Test
    void aRequestFromAnotherSiteIsRefused() {
        assertThat(SameOrigin.refusal("tcp-console", "http://evil.example", null, HOST, null))
                .contains("http://evil.example", HOST);
        assertThat(SameOrigin.refusal("tcp-console", "http://console.example:8081", null, HOST, null)).isNotNull();
        assertThat(SameOrigin.refusal("tcp-console", "https://console.example:8080", null, HOST, null))
                .as("https's port is 443 unless named; the host names 8080").isNull();
        assertThat(SameOrigin.refusal("tcp-console", "http://console.example", null, HOST, null)).isNotNull();
        assertThat(SameOrigin.refusal("tcp-console", "null", null, HOST, null)).isNotNull();
        assertThat(SameOrigin.refusal("tcp-console", "http://evil.example", null, HOST, "other.example")).isNotNull();
        for (String site : new String[] {"cross-site", "same-site"}) {
            assertThat(SameOrigin.refusal("tcp-console", null, site, HOST, null)).as(site).contains(site);
        }
    }
}
