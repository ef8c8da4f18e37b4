package io.github.tcpadapter.bench.run;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BrokenTest {

    @Test
    void aCellIsBrokenWhenMoreThanHalfOfItsConnectionsNeverAnswered() {
        assertThat(Broken.is(501, 1_000)).isTrue();
        assertThat(Broken.is(990, 1_000)).isTrue();
        assertThat(Broken.is(1, 1)).isTrue();
    }

    @Test
    void aCellWhereHalfOrFewerNeverAnsweredIsMeasured() {
        assertThat(Broken.is(500, 1_000)).isFalse();
        assertThat(Broken.is(0, 1)).isFalse();
        assertThat(Broken.is(0, 100)).isFalse();
    }

    @Test
    void theLabelSaysHowManyNeverAnswered() {
        assertThat(Broken.label(990, 1_000)).isEqualTo("broken: 990 of 1,000 connections never answered");
    }
}
