package io.duban.chat.dingtalk;

import io.duban.chat.Markup;
import io.duban.chat.Mention;
import io.duban.chat.Offer;
import io.duban.chat.OutgoingMessage;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One-tap answers on DingTalk: a reply's {@link Offer} choices as markdown links {@code
 * [label](dtmd://dingtalkclient/sendMessage?content=<URL-encoded text>)}; tapping one makes the
 * DingTalk client send that text as the user's own message to the conversation.
 *
 * <p>What is known, and from where (none of it tried on a real tenant by us):
 *
 * <ul>
 *   <li>The link works in ordinary markdown (and actionCard) robot messages, not inside
 *       interactive-card markdown: eryajf/chatgpt-dingtalk issue #277 ("新的菜单交互": actionCard {@code
 *       btns[].actionURL} may be a dtmd link, citing DingTalk's guide
 *       the-internal-robot-of-the-enterprise-realizes-the-interaction-in, whose Chinese copy at
 *       lryc.cn/news/582014.html is titled 企业内部机器人实现单聊会话互动: a tapped button starts the next round
 *       of a 1:1 conversation), the DingTalk SDK's own sample ({@code
 *       MarkdownMessage.getLinkText("中文跳转", "dtmd://dingtalkclient/sendMessage?content=" +
 *       URLEncoder.encode("链接消息", "UTF-8"))}), NousResearch/hermes-agent issue #92254 (tested live
 *       on a sessionWebhook reply: a tap arrives as the user's message; the host must be the
 *       lower-case {@code dingtalkclient}, a capitalised one is silently ignored). Markdown rather
 *       than actionCard: the text stays one readable message with the links under it, and the body
 *       differs from today's text body only in msgtype and text.
 *   <li>Links inside markdown list items may render unclickable
 *       (DingTalk-Real-AI/dingtalk-workspace-cli#528): each link here stands in its own paragraph.
 *   <li>A single {@code \n} does not break a line in DingTalk markdown, a blank line does
 *       (blinkbean/dingtalk#2, AstrBotDevs/AstrBot#4456); every line break of the text becomes a
 *       blank line, and an empty line a paragraph holding a no-break space.
 *   <li>In a group an enterprise robot receives only messages that @ it (developerpedia
 *       receive.md), and a tap sends plain text without a real @: nothing found shows a tapped text
 *       reaching the robot in a group. So links are offered in 1:1 chats only ({@link
 *       DingTalkAdapter}); groups get the plain text, which always says how to answer by typing.
 * </ul>
 *
 * <p>Everything of the text is made inert: markdown and HTML characters become their full-width
 * look-alikes ({@link Markup#fullWidth}), as do list and heading marks at a line's start, and an
 * "@" Duban did not add ({@link DingTalkAdapter#escapeText}). A link's content is UTF-8
 * percent-encoded ({@code %20} for a space, {@code %2A} for "*"), so it holds only {@code A-Za-z0-9
 * . _ - %} and no label or text can leave its link.
 */
final class DingTalkButtons {
  static final String SEND_MESSAGE = "dtmd://dingtalkclient/sendMessage?content=";

  /** Said before the links (the text above already says how to answer by typing). */
  static final String LEAD = "或直接点选：";

  /** Markdown and HTML characters, wherever they stand. */
  static final String SPECIAL = "\\`*_[]()<>!~|&";

  /** Headings, quotes, lists and rules, where they begin a line. */
  static final String LINE_START = "#>-+=";

  private static final Pattern ORDERED = Pattern.compile("^(\u00A0*\\d+)\\.(?!\\d)");
  private static final Pattern LEADING_SPACES = Pattern.compile("^ +");
  private static final int TITLE_CHARS = 30;

  private DingTalkButtons() {}

  /** The offer's choices that can become links (a label, else the text, shown). */
  static List<Offer.Choice> choices(OutgoingMessage message) {
    List<Offer.Choice> out = new ArrayList<>();
    for (Offer.Choice c : message.offer().choices()) {
      if (!c.text().isEmpty()) {
        out.add(new Offer.Choice(c.label().isEmpty() ? c.text() : c.label(), c.text()));
      }
    }
    return out;
  }

  /** Text Duban did not write, inert in DingTalk markdown, line breaks kept visible. */
  static String inert(String text) {
    // "://" loses its colon: a bare dtmd:// or http:// address in someone's note never becomes a
    // link, should a client link bare addresses
    String plain =
        text == null ? "" : text.replace("\r", "").replace('\t', ' ').replace("://", "：//");
    String escaped = Markup.fullWidth(DingTalkAdapter.escapeText(plain), SPECIAL, LINE_START);
    StringBuilder sb = new StringBuilder();
    for (String line : escaped.split("\n", -1)) {
      // four leading spaces would start a code block, "1. " an ordered list that renumbers
      String l = LEADING_SPACES.matcher(line).replaceFirst(m -> "\u00A0".repeat(m.end()));
      l = ORDERED.matcher(l).replaceFirst("$1．");
      if (sb.length() > 0) {
        sb.append("\n\n");
      }
      sb.append(l.isBlank() ? "\u00A0" : l);
    }
    return sb.toString();
  }

  /** The link a tap on {@code choice} follows. */
  static String link(Offer.Choice choice) {
    return "[" + inert(choice.label()) + "](" + SEND_MESSAGE + encode(choice.text()) + ")";
  }

  /** UTF-8 percent-encoding: only A-Za-z0-9 . _ - and %XX remain. */
  static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A");
  }

  /** The reply's text, the mentions Duban adds, then one paragraph per link. */
  static String markdown(String text, String mentions, List<Offer.Choice> choices) {
    StringBuilder sb = new StringBuilder(inert(text));
    if (!mentions.isEmpty()) {
      sb.append(sb.length() == 0 ? "" : " ").append(mentions);
    }
    sb.append("\n\n").append(LEAD);
    for (Offer.Choice c : choices) {
      sb.append("\n\n").append(link(c));
    }
    return sb.toString();
  }

  /** Shown in the notification and the chat list: the text's first line, plain. */
  static String title(String text) {
    String first = "";
    for (String line : (text == null ? "" : text).split("\n")) {
      if (!line.isBlank()) {
        first = line.strip();
        break;
      }
    }
    first = DingTalkAdapter.escapeText(first);
    if (first.length() > TITLE_CHARS) {
      first = first.substring(0, TITLE_CHARS) + "…";
    }
    return first.isEmpty() ? "督办" : first;
  }

  /**
   * The robot body (sessionWebhook) as markdown with links: "@mobile" / "@userId" in the text and
   * the at list, as for text; null when no choice can become a link.
   */
  static Map<String, Object> markdownBody(OutgoingMessage message) {
    List<Offer.Choice> choices = choices(message);
    if (choices.isEmpty()) {
      return null;
    }
    DingTalkAdapter.Ats ats = DingTalkAdapter.Ats.of(message);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("msgtype", "markdown");
    body.put(
        "markdown",
        Map.of(
            "title",
            title(message.text()),
            "text",
            markdown(message.text(), ats.words(), choices)));
    body.put("at", ats.at());
    body.put("msgUuid", message.idempotencyKey());
    return body;
  }

  /**
   * OpenAPI {@code sampleMarkdown} msgParam ({"title","text"}): no at list there, mentioned people
   * are named; null when no choice can become a link.
   */
  static Map<String, String> openApiParam(OutgoingMessage message) {
    List<Offer.Choice> choices = choices(message);
    if (choices.isEmpty()) {
      return null;
    }
    StringBuilder names = new StringBuilder();
    for (Mention m : message.mentions()) {
      if (m.name() != null) {
        names.append(names.length() == 0 ? "" : " ").append("@").append(inert(m.name()));
      }
    }
    Map<String, String> param = new LinkedHashMap<>();
    param.put("title", title(message.text()));
    param.put("text", markdown(message.text(), names.toString(), choices));
    return param;
  }

  /** The bytes of the markdown text a robot body carries (what the webhook limit counts). */
  @SuppressWarnings("unchecked")
  static int markdownBytes(Map<String, Object> body) {
    Object text = ((Map<String, Object>) body.get("markdown")).get("text");
    return String.valueOf(text).getBytes(StandardCharsets.UTF_8).length;
  }
}
