package io.github.tcpadapter.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.resource.spi.InvalidPropertyException;
import org.junit.jupiter.api.Test;

class PropertyCheckTest {

    // ---- port ----

    @Test
    void portAcceptsTheWholeRange() throws Exception {
        assertThat(PropertyCheck.port("port", 1)).isEqualTo(1);
        assertThat(PropertyCheck.port("port", 8080)).isEqualTo(8080);
        assertThat(PropertyCheck.port("port", 65_535)).isEqualTo(65_535);
    }

    @Test
    void portRejectsZero() {
        assertThatThrownBy(() -> PropertyCheck.port("listenPort", 0))
                .isInstanceOf(InvalidPropertyException.class)
                .hasMessageContaining("listenPort")
                .hasMessageContaining("'0'")
                .hasMessageContaining("between 1 and 65535");
    }

    @Test
    void portRejectsNegative() {
        assertThatThrownBy(() -> PropertyCheck.port("listenPort", -1))
                .isInstanceOf(InvalidPropertyException.class)
                .hasMessageContaining("listenPort")
                .hasMessageContaining("'-1'");
    }

    @Test
    void portRejectsAboveRange() {
        assertThatThrownBy(() -> PropertyCheck.port("listenPort", 65_536))
                .isInstanceOf(InvalidPropertyException.class)
                .hasMessageContaining("listenPort")
                .hasMessageContaining("'65536'");
    }

    @Test
    void portRejectsNull() {
        assertThatThrownBy(() -> PropertyCheck.port("listenPort", null))
                .isInstanceOf(InvalidPropertyException.class)
                .hasMessageContaining("listenPort")
                .hasMessageContaining("not set")
                .hasMessageContaining("required");
    }

    // ---- between ----

    @Test
    void betweenAcceptsBothBounds() throws Exception {
        assertThat(PropertyCheck.between("maxFrameLength", 1, 1, 10)).isEqualTo(1);
        assertThat(PropertyCheck.between("maxFrameLength", 10, 1, 10)).isEqualTo(10);
    }

    @Test
    void betweenRejectsOutsideTheBounds() {
        assertThatThrownBy(() -> PropertyCheck.between("maxFrameLength", 11, 1, 10))
                .isInstanceOf(InvalidPropertyException.class)
                .hasMessageContaining("maxFrameLength")
                .hasMessageContaining("'11'")
                .hasMessageContaining("between 1 and 10");
        assertThatThrownBy(() -> PropertyCheck.between("maxFrameLength", 0, 1, 10))
                .isInstanceOf(InvalidPropertyException.class)
                .hasMessageContaining("'0'");
    }

    // ---- positive ----

    @Test
    void positiveAcceptsOneAndAbove() throws Exception {
        assertThat(PropertyCheck.positive("timeout", 1)).isEqualTo(1);
        assertThat(PropertyCheck.positive("timeout", 30_000)).isEqualTo(30_000);
        assertThat(PropertyCheck.positive("timeout", Integer.MAX_VALUE)).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void positiveRejectsZero() {
        assertThatThrownBy(() -> PropertyCheck.positive("timeout", 0))
                .isInstanceOf(InvalidPropertyException.class)
                .hasMessageContaining("timeout")
                .hasMessageContaining("'0'")
                .hasMessageContaining("positive");
    }

    @Test
    void positiveRejectsNegative() {
        assertThatThrownBy(() -> PropertyCheck.positive("timeout", -7))
                .isInstanceOf(InvalidPropertyException.class)
                .hasMessageContaining("timeout")
                .hasMessageContaining("'-7'");
    }

    @Test
    void positiveRejectsNull() {
        assertThatThrownBy(() -> PropertyCheck.positive("timeout", null))
                .isInstanceOf(InvalidPropertyException.class)
                .hasMessageContaining("timeout")
                .hasMessageContaining("not set");
    }

    // ---- notBlank ----

    @Test
    void notBlankAcceptsTextAndTrimsIt() throws Exception {
        assertThat(PropertyCheck.notBlank("host", "example.org")).isEqualTo("example.org");
        assertThat(PropertyCheck.notBlank("host", "  127.0.0.1\t")).isEqualTo("127.0.0.1");
    }

    @Test
    void notBlankRejectsEmpty() {
        assertThatThrownBy(() -> PropertyCheck.notBlank("host", ""))
                .isInstanceOf(InvalidPropertyException.class)
                .hasMessageContaining("host")
                .hasMessageContaining("''")
                .hasMessageContaining("must not be empty");
    }

    @Test
    void notBlankRejectsWhitespaceOnly() {
        assertThatThrownBy(() -> PropertyCheck.notBlank("host", "   "))
                .isInstanceOf(InvalidPropertyException.class)
                .hasMessageContaining("host")
                .hasMessageContaining("'   '");
    }

    @Test
    void notBlankRejectsNull() {
        assertThatThrownBy(() -> PropertyCheck.notBlank("host", null))
                .isInstanceOf(InvalidPropertyException.class)
                .hasMessageContaining("host")
                .hasMessageContaining("not set");
    }
}
