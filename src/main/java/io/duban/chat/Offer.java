package io.duban.chat;

import java.util.ArrayList;
import java.util.List;

/**
 * What a reply offers to answer with one tap: buttons, each sending a text as the user's own
 * message (numbered choices, 确认, 更多), and for a {@code 上报} without a figure the targets a report
 * form may pick. {@code followUps}: the choices are only the usual next queries (全区进度 → 未报), which
 * a platform shows only where they cost no second message or heavier format (DingTalk's links;
 * {@link ChatAdapter#showsFollowUps}). Platforms that cannot take taps ignore it: the reply's text
 * always says how to answer by typing. Stored with the message as lines ({@link #encode}), so it
 * survives restarts.
 */
public record Offer(List<Choice> choices, List<String> formTargets, boolean followUps) {
  /** Nothing to tap. */
  public static final Offer NONE = new Offer(List.of(), List.of(), false);

  /** At most this many buttons (phones show a few; the platforms cap cards). */
  public static final int MAX_CHOICES = 10;

  /** At most this many targets in a form's picker. */
  public static final int MAX_FORM_TARGETS = 50;

  /** One button: what it shows and the text a tap sends. */
  public record Choice(String label, String text) {
    public Choice {
      label = oneLine(label, 40);
      text = oneLine(text, 500);
    }
  }

  public Offer(List<Choice> choices, List<String> formTargets) {
    this(choices, formTargets, false);
  }

  public Offer {
    choices = List.copyOf(choices.size() > MAX_CHOICES ? choices.subList(0, MAX_CHOICES) : choices);
    formTargets =
        List.copyOf(
                formTargets.size() > MAX_FORM_TARGETS
                    ? formTargets.subList(0, MAX_FORM_TARGETS)
                    : formTargets)
            .stream()
            .map(t -> oneLine(t, 100))
            .toList();
  }

  public static Offer choices(List<Choice> choices) {
    return new Offer(choices, List.of());
  }

  /** The usual next queries after an answer that asks nothing. */
  public static Offer followUps(List<Choice> choices) {
    return new Offer(choices, List.of(), true);
  }

  public static Offer form(List<String> targets) {
    return new Offer(List.of(), targets);
  }

  public boolean isEmpty() {
    return choices.isEmpty() && formTargets.isEmpty();
  }

  /**
   * Lines {@code C\tlabel\ttext}, {@code F\ttarget} and {@code Q} (follow-ups); null for nothing.
   */
  public String encode() {
    if (isEmpty()) {
      return null;
    }
    StringBuilder sb = new StringBuilder();
    for (Choice c : choices) {
      sb.append("C\t").append(c.label()).append('\t').append(c.text()).append('\n');
    }
    for (String t : formTargets) {
      sb.append("F\t").append(t).append('\n');
    }
    if (followUps) {
      sb.append("Q\n");
    }
    return sb.toString();
  }

  /** The offer {@link #encode} wrote; NONE for null or unreadable lines. */
  public static Offer decode(String lines) {
    if (lines == null || lines.isBlank()) {
      return NONE;
    }
    List<Choice> choices = new ArrayList<>();
    List<String> targets = new ArrayList<>();
    boolean followUps = false;
    for (String line : lines.split("\n")) {
      followUps |= line.equals("Q");
      String[] f = line.split("\t", -1);
      if (f.length == 3 && f[0].equals("C")) {
        choices.add(new Choice(f[1], f[2]));
      } else if (f.length == 2 && f[0].equals("F")) {
        targets.add(f[1]);
      }
    }
    return new Offer(choices, targets, followUps);
  }

  /** Tabs and line breaks become spaces (the stored lines stay parseable), cut to {@code max}. */
  private static String oneLine(String s, int max) {
    String t = s == null ? "" : s.replaceAll("[\\t\\r\\n]+", " ").strip();
    return t.length() > max ? t.substring(0, max) : t;
  }
}
