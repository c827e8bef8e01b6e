package io.duban.chat.wecom;

import io.duban.chat.Offer;
import io.duban.chat.OutgoingMessage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * WeCom template cards ({@code card_type: button_interaction}) for a reply's one-tap choices, the
 * same JSON for the 智能机器人 long connection and the 自建应用's {@code /cgi-bin/message/send}
 * (WecomTeam/aibot-node-sdk src/types/api.ts {@code TemplateCard}, {@code TemplateCardButton}).
 *
 * <p>Limits from the SDK's field docs: {@code main_title.title} 建议不超过 26 个字, {@code sub_title_text}
 * 建议不超过 112 个字, a button's text 建议不超过 10 个字, at most 6 buttons, a button's key at most 1024 bytes
 * and unique, {@code task_id} unique per bot, only {@code [0-9A-Za-z_\-@]}, at most 128 bytes. A
 * button's key is the choice's text itself (stateless: a click is read back as that text); a choice
 * whose text is longer than a key takes stays typed. When the reply's text fits the card (first
 * line as the title, the rest as the sub-title, nobody to mention) the card carries it all;
 * otherwise the text goes as today and a short second card carries the buttons ({@link
 * #PICK_TITLE}). Card text is plain, not Markdown: it is made inert as the Markdown is ({@link
 * WeComAdapter#escapeText}), so nothing typed looks like a mention.
 */
final class WeComCards {
  static final int TITLE_MAX_CHARS = 26;
  static final int SUB_TITLE_MAX_CHARS = 112;
  static final int BUTTON_TEXT_MAX_CHARS = 10;
  static final int MAX_BUTTONS = 6;
  static final int KEY_MAX_BYTES = 1024;
  static final String PICK_TITLE = "点选回复（也可直接打字）";
  static final String TASK_PREFIX = "duban-";

  private WeComCards() {}

  /** The buttons for an offer's choices: at most 6, unique keys, each key a choice's text. */
  static List<Map<String, Object>> buttons(Offer offer) {
    List<Map<String, Object>> buttons = new ArrayList<>();
    Set<String> keys = new LinkedHashSet<>();
    for (Offer.Choice c : offer.choices()) {
      String key = c.text();
      if (key.isEmpty()
          || key.getBytes(StandardCharsets.UTF_8).length > KEY_MAX_BYTES
          || !keys.add(key)) {
        continue;
      }
      Map<String, Object> b = new LinkedHashMap<>();
      b.put(
          "text",
          cut(
              WeComAdapter.escapeText(c.label().isEmpty() ? key : c.label()),
              BUTTON_TEXT_MAX_CHARS));
      b.put("style", buttons.isEmpty() ? 1 : 2);
      b.put("key", key);
      buttons.add(b);
      if (buttons.size() == MAX_BUTTONS) {
        break;
      }
    }
    return buttons;
  }

  /** Whether the message offers anything a card can show. */
  static boolean offers(OutgoingMessage m) {
    return !buttons(m.offer()).isEmpty();
  }

  /** Whether the whole text fits the card: a title line, a sub-title, nobody to mention. */
  static boolean fits(OutgoingMessage m) {
    if (!m.mentions().isEmpty()) {
      return false;
    }
    String text = m.text().strip();
    int nl = text.indexOf('\n');
    String title = nl < 0 ? text : text.substring(0, nl).strip();
    String rest = nl < 0 ? "" : text.substring(nl + 1).strip();
    return !title.isEmpty()
        && title.length() <= TITLE_MAX_CHARS
        && rest.length() <= SUB_TITLE_MAX_CHARS;
  }

  /** The card carrying the message's whole text and its buttons ({@link #fits} must hold). */
  static Map<String, Object> textCard(OutgoingMessage m) {
    String text = m.text().strip();
    int nl = text.indexOf('\n');
    String title = nl < 0 ? text : text.substring(0, nl).strip();
    String rest = nl < 0 ? "" : text.substring(nl + 1).strip();
    return card(title, rest, buttons(m.offer()));
  }

  /** The short card carrying only the buttons, sent beside the text. */
  static Map<String, Object> pickCard(OutgoingMessage m) {
    return card(PICK_TITLE, "", buttons(m.offer()));
  }

  private static Map<String, Object> card(
      String title, String subTitle, List<Map<String, Object>> buttons) {
    Map<String, Object> card = new LinkedHashMap<>();
    card.put("card_type", "button_interaction");
    card.put("main_title", Map.of("title", WeComAdapter.escapeText(title)));
    if (!subTitle.isEmpty()) {
      card.put("sub_title_text", WeComAdapter.escapeText(subTitle));
    }
    card.put("button_list", buttons);
    card.put("task_id", newTaskId());
    return card;
  }

  /**
   * The card that replaces a clicked one for the clicking user: no buttons (a second tap cannot
   * act), the choice and the first line of the answer (or {@code note} when there is none).
   */
  static Map<String, Object> done(String taskId, String choice, String answer) {
    Map<String, Object> card = new LinkedHashMap<>();
    card.put("card_type", "text_notice");
    card.put(
        "main_title",
        Map.of("title", cut("已选：" + WeComAdapter.escapeText(choice), TITLE_MAX_CHARS)));
    card.put(
        "sub_title_text", cut(WeComAdapter.escapeText(firstLine(answer)), SUB_TITLE_MAX_CHARS));
    card.put("task_id", taskId);
    return card;
  }

  static String firstLine(String text) {
    String t = text == null ? "" : text.strip();
    int nl = t.indexOf('\n');
    return nl < 0 ? t : t.substring(0, nl).strip();
  }

  /** A task_id WeCom takes: unique, letters, digits and '-' only, well under 128 bytes. */
  static String newTaskId() {
    return TASK_PREFIX + UUID.randomUUID();
  }

  /** Whether a task_id as WeCom echoes it is one WeCom takes back ({@code [0-9A-Za-z_\-@]}). */
  static boolean validTaskId(String taskId) {
    return taskId != null
        && !taskId.isEmpty()
        && taskId.length() <= 128
        && taskId
            .chars()
            .allMatch(c -> c < 128 && (Character.isLetterOrDigit(c) || "_-@".indexOf(c) >= 0));
  }

  static String cut(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }
}
