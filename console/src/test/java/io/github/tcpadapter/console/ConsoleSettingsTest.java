package io.github.tcpadapter.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.servlet.ServletContext;
import java.lang.reflect.Proxy;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConsoleSettingsTest {

    @Test
    void localViewingIsOffUnlessTurnedOn() {
        assertThat(ConsoleSettings.of(context(Map.of())).localViewing()).isFalse();
        assertThat(ConsoleSettings.of(context(Map.of("localViewing", "false"))).localViewing()).isFalse();
        assertThat(ConsoleSettings.of(context(Map.of("localViewing", " TRUE "))).localViewing()).isTrue();
    }

    @Test
    void aLocalViewingThatIsNeitherTrueNorFalseStopsTheConsole() {
        assertThatThrownBy(() -> ConsoleSettings.of(context(Map.of("localViewing", "yes"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("io.github.tcpadapter.console.localViewing").hasMessageContaining("'yes'");
    }

    private static ServletContext context(Map<String, String> parameters) {
        return (ServletContext) Proxy.newProxyInstance(ConsoleSettingsTest.class.getClassLoader(),
                new Class<?>[] {ServletContext.class}, (proxy, method, args) -> {
                    if (!method.getName().equals("getInitParameter")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    String name = (String) args[0];
                    return name.startsWith(ConsoleSettings.PREFIX)
                            ? parameters.get(name.substring(ConsoleSettings.PREFIX.length())) : null;
                });
    }
}
