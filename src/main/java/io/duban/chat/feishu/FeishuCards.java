package io.duban.chat.feishu;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.duban.chat.Markup;
import io.duban.chat.Mention;
import io.duban.chat.Offer;
import io.duban.chat.OutgoingMessage;
import java.nio.charset.StandardCharsets;

/**
 * Feishu card JSON 2.0 for a reply that offers taps ({@code {"schema":"2.0","body":{"elements":
 * [...]}}}; open.feishu.cn feishu-cards/card-json-v2-structure): the reply text as a {@code
 * plain_text} div (Duban's own escaping on top, as in text messages: nothing a user typed can
 * format or mention), one {@code button} per choice whose {@code behaviors} callback value carries
 * the text a tap stands for, and for a bare 上报 a {@code form} container (name {@code report}) with
 * a {@code select_static} of the unit's targets (name {@code target}), an {@code input} (name
 * {@code figure}) and a submit button ({@code form_action_type: submit}). Every callback value also
 * carries the chat the card went to (so a click in a 1:1 chat answers on the same thread as typed
 * text) and, when the card stays small enough, the text shown, so that the answered card can show
 * it again with "已选：…" and no buttons. Cards are limited to about 30 KB (docs/platforms.md §3.4):
 * over {@link #MAX_BYTES} the reply goes as text.
 */
final class FeishuCards {
  /** The card JSON at most (the documented limit is ~30 KB for the whole card/post). */
  static final int MAX_BYTES = 28_000;

  /** The callback value's marker: a choice button, or the report form's submit. */
  static final String TAP = "tap";

  static final String FORM = "form";

  private FeishuCards() {}

  /**
   * The card for a reply with a non-empty offer, as the JSON string of {@code content}; null when
   * it would be too big (send text then).
   */
  static String offer(ObjectMapper json, OutgoingMessage m) {
    String card = build(json, m, true).toString();
    if (bytes(card) > MAX_BYTES) {
      card = build(json, m, false).toString(); // without the text repeated in every value
    }
    return bytes(card) > MAX_BYTES ? null : card;
  }

  /**
   * The card after a tap: the text it showed (when its values carried it) and "已选：…", no buttons (a
   * used card cannot be tapped again).
   */
  static ObjectNode answered(ObjectMapper json, String shown, String chosen) {
    ObjectNode card = json.createObjectNode();
    card.put("schema", "2.0");
    ArrayNode elements = card.putObject("body").putArray("elements");
    if (shown != null && !shown.isBlank()) {
      elements.add(text(json, FeishuAdapter.escapeText(shown)));
    }
    elements.add(text(json, "已选：" + FeishuAdapter.escapeText(chosen)));
    return card;
  }

  private static ObjectNode build(ObjectMapper json, OutgoingMessage m, boolean withShown) {
    String shown = FeishuAdapter.escapeText(m.text());
    ObjectNode card = json.createObjectNode();
    card.put("schema", "2.0");
    card.putObject("config").put("update_multi", true);
    ArrayNode elements = card.putObject("body").putArray("elements");
    elements.add(text(json, shown));
    String at = mentions(m);
    if (!at.isEmpty()) {
      elements.add(json.createObjectNode().put("tag", "markdown").put("content", at));
    }
    Offer offer = m.offer();
    for (Offer.Choice c : offer.choices()) {
      ObjectNode value = value(json, TAP, m.chatId(), withShown ? shown : null);
      value.put("text", c.text());
      value.put("label", c.label());
      ObjectNode button = button(json, c.label(), "default", value);
      elements.add(button);
    }
    if (!offer.formTargets().isEmpty()) {
      elements.add(form(json, offer, value(json, FORM, m.chatId(), withShown ? shown : null)));
    }
    return card;
  }

  /** The report form: pick a target, type the cumulative figure, submit. */
  private static ObjectNode form(ObjectMapper json, Offer offer, ObjectNode value) {
    ObjectNode form = json.createObjectNode();
    form.put("tag", "form");
    form.put("name", "report");
    ArrayNode inside = form.putArray("elements");
    ObjectNode select = inside.addObject();
    select.put("tag", "select_static");
    select.put("name", "target");
    select.put("required", true);
    select.set("placeholder", plain(json, "选择目标"));
    ArrayNode options = select.putArray("options");
    for (String target : offer.formTargets()) {
      ObjectNode o = options.addObject();
      o.set("text", plain(json, target));
      o.put("value", target);
    }
    ObjectNode input = inside.addObject();
    input.put("tag", "input");
    input.put("name", "figure");
    input.put("required", true);
    input.put("max_length", 50);
    input.set("placeholder", plain(json, "累计数，如 1.2万"));
    ObjectNode submit = button(json, "上报", "primary", value);
    submit.put("name", "submit");
    submit.put("form_action_type", "submit");
    inside.add(submit);
    return form;
  }

  private static ObjectNode value(ObjectMapper json, String kind, String chat, String shown) {
    ObjectNode value = json.createObjectNode();
    value.put("duban", kind);
    if (chat != null) {
      value.put("chat", chat);
    }
    if (shown != null) {
      value.put("shown", shown);
    }
    return value;
  }

  private static ObjectNode button(ObjectMapper json, String label, String type, ObjectNode value) {
    ObjectNode b = json.createObjectNode();
    b.put("tag", "button");
    b.set("text", plain(json, label));
    b.put("type", type);
    ArrayNode behaviors = b.putArray("behaviors");
    behaviors.addObject().put("type", "callback").set("value", value);
    return b;
  }

  private static ObjectNode text(ObjectMapper json, String content) {
    ObjectNode div = json.createObjectNode();
    div.put("tag", "div");
    div.set("text", plain(json, content));
    return div;
  }

  private static ObjectNode plain(ObjectMapper json, String content) {
    return json.createObjectNode().put("tag", "plain_text").put("content", content);
  }

  /** {@code <at id=ou_…></at>} for each mentioned person with a safe id (card markdown). */
  private static String mentions(OutgoingMessage m) {
    StringBuilder sb = new StringBuilder();
    for (Mention p : m.mentions()) {
      if (p.platformId() != null && Markup.safeId(p.platformId())) {
        sb.append(sb.isEmpty() ? "" : " ")
            .append("<at id=")
            .append(p.platformId())
            .append("></at>");
      }
    }
    return sb.toString();
  }

  private static int bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }
}
