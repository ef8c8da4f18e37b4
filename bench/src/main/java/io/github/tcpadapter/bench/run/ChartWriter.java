package io.github.tcpadapter.bench.run;

import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Path;
import java.text.NumberFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * Draws one grouped bar chart as a PNG, headless: one group per category (a load), one bar per series (a subject).
 * A null value is drawn as no bar at all, never as zero: the run passes null for a broken cell.
 */
final class ChartWriter {

    static final int WIDTH = 1200;
    static final int HEIGHT = 700;

    private ChartWriter() {
    }

    /**
     * @param png the file to write
     * @param title the chart's title
     * @param subtitles lines under the title (the commit and date, what an empty bar means)
     * @param categoryLabel the horizontal axis's label
     * @param valueLabel the vertical axis's label
     * @param log whether the vertical axis is logarithmic
     * @param series per series, in order, per category, in order, the value or null
     */
    static void bars(Path png, String title, List<String> subtitles, String categoryLabel, String valueLabel,
            boolean log, Map<String, Map<String, Double>> series) throws IOException {
        System.setProperty("java.awt.headless", "true");
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        series.forEach((name, values) -> values.forEach((category, value) -> data.addValue(value, name, category)));
        JFreeChart chart = ChartFactory.createBarChart(title, categoryLabel, valueLabel, data,
                PlotOrientation.VERTICAL, true, false, false);
        for (String subtitle : subtitles) {
            chart.addSubtitle(new TextTitle(subtitle, new Font(Font.SANS_SERIF, Font.PLAIN, 12)));
        }
        chart.setBackgroundPaint(Color.WHITE);
        CategoryPlot plot = chart.getCategoryPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        plot.getDomainAxis().setCategoryLabelPositions(CategoryLabelPositions.STANDARD);
        BarRenderer renderer = (BarRenderer) plot.getRenderer();
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setItemMargin(0.05);
        if (log) {
            LogAxis axis = new LogAxis(valueLabel);
            axis.setSmallestValue(1);
            // a tick per power of ten, labelled 1, 10, 100, 1,000, … rather than as exponents
            axis.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
            axis.setNumberFormatOverride(NumberFormat.getIntegerInstance(Locale.ROOT));
            plot.setRangeAxis(axis);
            renderer.setBase(1); // a bar starts at 1, the log axis's floor, not at 0
        }
        ChartUtils.saveChartAsPNG(png.toFile(), chart, WIDTH, HEIGHT);
    }
}
