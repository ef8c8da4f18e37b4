package io.github.tcpadapter.bench.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChartWriterTest {

    @TempDir
    Path directory;

    @Test
    void writesAPngOfTheExpectedSizeWithAnEmptyBarForABrokenCell() throws Exception {
        Map<String, Double> netty = new LinkedHashMap<>();
        netty.put("1", 30_000.0);
        netty.put("1,000", 110_000.0);
        Map<String, Double> spring = new LinkedHashMap<>();
        spring.put("1", 6_000.0);
        spring.put("1,000", null);
        Map<String, Map<String, Double>> series = new LinkedHashMap<>();
        series.put("Netty", netty);
        series.put("Spring", spring);
        Path png = directory.resolve("chart.png");

        ChartWriter.bars(png, "Inbound", List.of("commit abc, today", "drawn empty, BROKEN: Spring at 1,000"),
                "connections", "requests/s", false, series);

        assertThat(Files.size(png)).isGreaterThan(1_000);
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(ChartWriter.WIDTH);
        assertThat(image.getHeight()).isEqualTo(ChartWriter.HEIGHT);
    }

    @Test
    void drawsALogarithmicAxis() throws Exception {
        Path png = directory.resolve("p99.png");

        ChartWriter.bars(png, "p99", List.of("commit abc"), "connections", "p99 µs", true,
                Map.of("Netty", Map.of("1", 72.0, "100", 1_708.0)));

        assertThat(ImageIO.read(png.toFile()).getWidth()).isEqualTo(ChartWriter.WIDTH);
    }
}
