package io.duban.chat.feishu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.google.protobuf.ByteString;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.UnknownFieldSet;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The hand-written frame codec against protobuf-java (the descriptor of src/test/proto/pbbp2.proto,
 * built in {@link Pbbp2}): both directions, unknown fields, and malformed input that must end in a
 * {@link FeishuFrameException}, fast, whatever the bytes claim.
 */
class FeishuFrameCodecTest {
  static final byte[] PAYLOAD =
      "{\"schema\":\"2.0\",\"header\":{\"event_type\":\"im.message.receive_v1\"},\"text\":\"上报 1.2万\"}"
          .getBytes(StandardCharsets.UTF_8);

  static DynamicMessage full() {
    Map<String, String> h = new LinkedHashMap<>();
    h.put("type", "event");
    h.put("message_id", "msg-7f3a");
    h.put("sum", "1");
    h.put("seq", "0");
    h.put("trace_id", "trace-督办");
    DynamicMessage.Builder b = Pbbp2.headers(Pbbp2.frame(-1L, 1L << 40, 33554678, 1), h);
    Pbbp2.header(b, "type", "second value of a repeated key");
    Pbbp2.payload(b, PAYLOAD);
    b.setField(Pbbp2.FRAME.findFieldByName("payload_encoding"), "gzip?");
    b.setField(Pbbp2.FRAME.findFieldByName("payload_type"), "json");
    b.setField(Pbbp2.FRAME.findFieldByName("LogIDNew"), "log-new-1");
    return b.build();
  }

  @Test
  void decodesWhatProtobufEncodes() throws Exception {
    FeishuFrame f = FeishuFrameCodec.decode(full().toByteArray());
    assertThat(f.seqId()).isEqualTo(-1L); // uint64 max
    assertThat(f.logId()).isEqualTo(1L << 40);
    assertThat(f.service()).isEqualTo(33554678);
    assertThat(f.method()).isEqualTo(FeishuFrame.DATA);
    assertThat(f.headers())
        .containsExactly(
            new FeishuFrame.Header("type", "event"),
            new FeishuFrame.Header("message_id", "msg-7f3a"),
            new FeishuFrame.Header("sum", "1"),
            new FeishuFrame.Header("seq", "0"),
            new FeishuFrame.Header("trace_id", "trace-督办"),
            new FeishuFrame.Header("type", "second value of a repeated key"));
    assertThat(f.header("type")).isEqualTo("event");
    assertThat(f.intHeader("sum", 9)).isEqualTo(1);
    assertThat(f.intHeader("trace_id", 9)).isEqualTo(9);
    assertThat(f.payload()).isEqualTo(PAYLOAD);
    assertThat(f.payloadEncoding()).isEqualTo("gzip?");
    assertThat(f.payloadType()).isEqualTo("json");
    assertThat(f.logIdNew()).isEqualTo("log-new-1");
  }

  @Test
  void encodesWhatProtobufDecodesByteForByte() throws Exception {
    FeishuFrame f = FeishuFrameCodec.decode(full().toByteArray());
    byte[] ours = FeishuFrameCodec.encode(f);
    assertThat(ours).isEqualTo(full().toByteArray());
    DynamicMessage back = Pbbp2.parse(ours);
    assertThat(back.isInitialized()).isTrue();
    assertThat(back).isEqualTo(full());
  }

  @Test
  void negativeInt32AndAPingAreReadByProtobuf() throws Exception {
    FeishuFrame neg =
        new FeishuFrame(7, 0, -5, FeishuFrame.CONTROL, List.of(), null, null, null, null);
    DynamicMessage m = Pbbp2.parse(FeishuFrameCodec.encode(neg));
    assertThat(Pbbp2.get(m, "service")).isEqualTo(-5);
    assertThat(Pbbp2.get(m, "SeqID")).isEqualTo(7L);
    assertThat(m.hasField(Pbbp2.FRAME.findFieldByName("payload"))).isFalse();
    assertThat(FeishuFrameCodec.decode(FeishuFrameCodec.encode(neg)).service()).isEqualTo(-5);

    DynamicMessage ping = Pbbp2.parse(FeishuFrameCodec.encode(FeishuFrame.ping(42)));
    assertThat(Pbbp2.get(ping, "method")).isEqualTo(0);
    assertThat(Pbbp2.get(ping, "service")).isEqualTo(42);
    assertThat(Pbbp2.headerOf(ping, "type")).isEqualTo("ping");
  }

  @Test
  void anAnswerKeepsTheFrameAndAddsAHeader() throws Exception {
    FeishuFrame f = FeishuFrameCodec.decode(full().toByteArray());
    byte[] ack = "{\"code\":200}".getBytes(StandardCharsets.UTF_8);
    DynamicMessage m = Pbbp2.parse(FeishuFrameCodec.encode(f.answer("biz_rt", "3", ack)));
    assertThat(Pbbp2.get(m, "SeqID")).isEqualTo(-1L);
    assertThat(Pbbp2.headerOf(m, "message_id")).isEqualTo("msg-7f3a");
    assertThat(Pbbp2.headerOf(m, "biz_rt")).isEqualTo("3");
    assertThat(Pbbp2.payloadOf(m)).isEqualTo(ack);
  }

  @Test
  void unknownFieldsOfEveryWireTypeAreSkipped() throws Exception {
    UnknownFieldSet unknown =
        UnknownFieldSet.newBuilder()
            .addField(20, UnknownFieldSet.Field.newBuilder().addVarint(Long.MIN_VALUE).build())
            .addField(
                21,
                UnknownFieldSet.Field.newBuilder()
                    .addLengthDelimited(ByteString.copyFromUtf8("未知"))
                    .build())
            .addField(22, UnknownFieldSet.Field.newBuilder().addFixed32(0xCAFE).build())
            .addField(23, UnknownFieldSet.Field.newBuilder().addFixed64(-2L).build())
            .build();
    DynamicMessage h =
        DynamicMessage.newBuilder(Pbbp2.HEADER)
            .setField(Pbbp2.HEADER.findFieldByName("key"), "type")
            .setField(Pbbp2.HEADER.findFieldByName("value"), "pong")
            .setUnknownFields(unknown)
            .build();
    DynamicMessage m =
        Pbbp2.frame(1, 2, 3, 0)
            .addRepeatedField(Pbbp2.FRAME.findFieldByName("headers"), h)
            .setUnknownFields(unknown)
            .build();
    FeishuFrame f = FeishuFrameCodec.decode(m.toByteArray());
    assertThat(f.headers()).containsExactly(new FeishuFrame.Header("type", "pong"));
    assertThat(f.service()).isEqualTo(3);
    assertThat(f.payload()).isNull();
  }

  @Test
  void everyTruncationIsRefusedOrReadsAPrefix() {
    byte[] whole = full().toByteArray();
    for (int n = 0; n < whole.length; n++) {
      byte[] cut = java.util.Arrays.copyOf(whole, n);
      try {
        FeishuFrame f = FeishuFrameCodec.decode(cut);
        // a cut on a field boundary is a valid shorter frame: it must not have the whole payload
        assertThat(f.logIdNew()).isEmpty();
      } catch (FeishuFrameException expected) {
        assertThat(expected.getMessage()).isNotBlank();
      }
    }
    byte[] inPayload = java.util.Arrays.copyOf(whole, whole.length - 20);
    assertThatThrownBy(() -> FeishuFrameCodec.decode(inPayload))
        .isInstanceOf(FeishuFrameException.class)
        .hasMessageContaining("字段 8");
  }

  @Test
  void hugeOrBrokenLengthsAndTagsAreRefused() {
    byte[][] bad = {
      {0x42, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x07, 1, 2}, // 2 GiB payload
      {0x42, -1, -1, -1, -1, -1, -1, -1, -1, -1, 0x01}, // length 2^64-1 (negative as long)
      {0x08, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, 0x01}, // varint of 11 bytes
      {0x0B, 0x0C}, // group (wire type 3)
      {0x00, 0x01}, // field number 0
      {0x08}, // tag without value
      {0x42, 0x05, 'a'}, // length beyond the end
      {0x2A, 0x03, 0x0A, 0x09, 'k'}, // a header whose key runs past the header
      {0x1A, 0x01}, // service (varint) sent as length-delimited
      {0x79, 1, 2, 3}, // unknown fixed64 truncated
      {(byte) 0xA2, 0x01, 0x7F}, // unknown length-delimited beyond the end
    };
    for (byte[] b : bad) {
      assertThatThrownBy(() -> FeishuFrameCodec.decode(b))
          .as(java.util.HexFormat.of().formatHex(b))
          .isInstanceOf(FeishuFrameException.class);
    }
  }

  @Test
  void randomBytesEndQuicklyInAFrameOrARefusal() {
    Random random = new Random(17);
    byte[] seed = full().toByteArray();
    assertTimeoutPreemptively(
        Duration.ofSeconds(10),
        () -> {
          for (int i = 0; i < 20_000; i++) {
            byte[] b;
            if (i % 2 == 0) {
              b = new byte[random.nextInt(64)];
              random.nextBytes(b);
            } else {
              b = seed.clone();
              for (int k = 0; k < 3; k++) {
                b[random.nextInt(b.length)] = (byte) random.nextInt(256);
              }
            }
            try {
              FeishuFrame f = FeishuFrameCodec.decode(b);
              assertThat(FeishuFrameCodec.decode(FeishuFrameCodec.encode(f)).headers())
                  .isEqualTo(f.headers());
            } catch (FeishuFrameException expected) {
              // refused with a reason: fine
            }
          }
        });
  }
}
