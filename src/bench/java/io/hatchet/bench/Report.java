package io.hatchet.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleFunction;

/**
 * The table: each figure of ours next to the baseline's and the ratio, with the target
 * where it sets one. A figure measured in several rounds shows their mean (their maximum for
 * maxima); the rounds themselves go to the details below the table, so the noise is visible.
 */
final class Report {
  /** Units; the ratio is always ours / baseline, whichever way is better. */
  static final DoubleFunction<String> RATE = v -> fmt("%.1fk/s", v / 1000);
  static final DoubleFunction<String> MICROS = v -> fmt("%.2f us", v);
  static final DoubleFunction<String> MILLIS = v -> fmt("%.2f ms", v);
  static final DoubleFunction<String> KIB = v -> fmt("%.1f KiB", v / 1024);
  static final DoubleFunction<String> MIB = v -> fmt("%.1f MiB", v / 1024 / 1024);
  static final DoubleFunction<String> COUNT = v -> fmt("%.0f", v);
  static final DoubleFunction<String> PERCENT = v -> fmt("%.2f%%", v);

  private record Row(String label, String ours, String base, String ratio, String target,
      String met) {}

  private final List<Object> lines = new ArrayList<>(); // Row or String (section, note)
  private final List<String> details = new ArrayList<>();
  private final String oursName;

  Report(String oursName) {
    this.oursName = oursName;
  }

  void section(String title) {
    lines.add("");
    lines.add(title);
  }

  void note(String text) {
    lines.add("    " + text);
  }

  void detail(String text) {
    details.add(text);
  }

  /**
   * A figure with a baseline. {@code maxRatio} / {@code minRatio}: the target on ours/baseline
   * (NaN: none). {@code absMax}: a target on our value itself (NaN: none).
   */
  void row(String label, Rounds ours, Rounds base, DoubleFunction<String> unit,
      double minRatio, double maxRatio, double absMax) {
    double o = ours.value();
    double ratio = o / (base == null ? Double.NaN : base.value());
    String target = "";
    Boolean met = null;
    if (!Double.isNaN(minRatio)) {
      target = fmt(">= %.2fx", minRatio);
      met = ratio >= minRatio;
    } else if (!Double.isNaN(maxRatio)) {
      target = fmt("<= %.2fx", maxRatio);
      met = ratio <= maxRatio;
    } else if (!Double.isNaN(absMax)) {
      target = "<= " + unit.apply(absMax);
      met = o <= absMax;
    }
    add(label, ours, base, unit, target, met);
  }

  /**
   * A figure whose target is a floor on our value itself, {@code target} saying it (with what it
   * aims at beyond, where the floor is the least acceptable).
   */
  void rowAtLeast(String label, Rounds ours, Rounds base, DoubleFunction<String> unit,
      double floor, String target) {
    add(label, ours, base, unit, target, ours.value() >= floor);
  }

  private void add(String label, Rounds ours, Rounds base, DoubleFunction<String> unit,
      String target, Boolean met) {
    double o = ours.value();
    double b = base == null ? Double.NaN : base.value();
    double ratio = o / b;
    lines.add(new Row(label, unit.apply(o), Double.isNaN(b) ? "-" : unit.apply(b),
        Double.isNaN(ratio) ? "" : fmt("%.2fx", ratio), target,
        met == null ? "" : met ? "met" : "NOT MET"));
    details.add(label + ": " + oursName + " " + ours.describe(unit)
        + (base == null ? "" : "; baseline " + base.describe(unit)));
  }

  /** A figure without a target. */
  void row(String label, Rounds ours, Rounds base, DoubleFunction<String> unit) {
    row(label, ours, base, unit, Double.NaN, Double.NaN, Double.NaN);
  }

  String render(String header, String baselineName) {
    int w = 46;
    StringBuilder out = new StringBuilder(header).append('\n');
    out.append(String.format("%-" + w + "s %13s %13s %8s %10s",
        "", oursName, baselineName, "ratio", "target")).append('\n');
    for (Object line : lines) {
      if (line instanceof Row r) {
        out.append(String.format("%-" + w + "s %13s %13s %8s %10s %s",
            "  " + r.label, r.ours, r.base, r.ratio, r.target, r.met).stripTrailing());
      } else {
        out.append(line);
      }
      out.append('\n');
    }
    out.append("\nEach round (the table shows their mean; for max, their maximum):\n");
    for (String detail : details) out.append("  ").append(detail).append('\n');
    return out.toString();
  }

  static String fmt(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }

  /** One figure's values, one per round. */
  static final class Rounds {
    private final List<Double> values = new ArrayList<>();
    private final boolean max;

    Rounds(boolean max) {
      this.max = max;
    }

    static Rounds mean() {
      return new Rounds(false);
    }

    static Rounds max() {
      return new Rounds(true);
    }

    void add(double value) {
      values.add(value);
    }

    double value() {
      if (values.isEmpty()) return Double.NaN;
      if (max) return values.stream().mapToDouble(Double::doubleValue).max().getAsDouble();
      return values.stream().mapToDouble(Double::doubleValue).average().getAsDouble();
    }

    String describe(DoubleFunction<String> unit) {
      List<String> each = new ArrayList<>();
      for (double v : values) each.add(unit.apply(v));
      return String.join(", ", each);
    }
  }
}
