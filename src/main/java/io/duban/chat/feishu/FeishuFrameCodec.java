package io.duban.chat.feishu;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Encodes and decodes {@link FeishuFrame} in the protobuf wire format by hand (nine fields: no
 * generated code, no protobuf runtime). Decoding skips unknown fields and refuses malformed input
 * with a {@link FeishuFrameException}: every length is checked against the bytes that remain, so a
 * bad frame costs at most its own size.
 */
final class FeishuFrameCodec {
  private static final int VARINT = 0;
  private static final int FIXED64 = 1;
  private static final int LENGTH = 2;
  private static final int FIXED32 = 5;

  private FeishuFrameCodec() {}

  /** The frame's bytes, fields in number order as the vendor's Go SDK writes them. */
  static byte[] encode(FeishuFrame f) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(64 + length(f.payload()));
    varintField(out, 1, f.seqId());
    varintField(out, 2, f.logId());
    // int32: a negative value is sign-extended to ten bytes, as protobuf does
    varintField(out, 3, f.service());
    varintField(out, 4, f.method());
    for (FeishuFrame.Header h : f.headers()) {
      ByteArrayOutputStream header = new ByteArrayOutputStream();
      bytesField(header, 1, utf8(h.key()));
      bytesField(header, 2, utf8(h.value()));
      bytesField(out, 5, header.toByteArray());
    }
    bytesField(out, 6, utf8(f.payloadEncoding()));
    bytesField(out, 7, utf8(f.payloadType()));
    if (f.payload() != null) {
      bytesField(out, 8, f.payload());
    }
    bytesField(out, 9, utf8(f.logIdNew()));
    return out.toByteArray();
  }

  /** The frame in {@code bytes}; unknown fields are skipped. */
  static FeishuFrame decode(byte[] bytes) throws FeishuFrameException {
    Reader r = new Reader(bytes, 0, bytes.length);
    long seqId = 0;
    long logId = 0;
    int service = 0;
    int method = 0;
    List<FeishuFrame.Header> headers = new ArrayList<>();
    String encoding = "";
    String type = "";
    byte[] payload = null;
    String logIdNew = "";
    while (r.more()) {
      long tag = r.varint();
      int field = field(tag);
      int wire = (int) (tag & 7);
      switch (field) {
        case 1 -> seqId = r.varintOf(wire, field);
        case 2 -> logId = r.varintOf(wire, field);
        case 3 -> service = (int) r.varintOf(wire, field);
        case 4 -> method = (int) r.varintOf(wire, field);
        case 5 -> headers.add(header(r.bytesOf(wire, field)));
        case 6 -> encoding = r.stringOf(wire, field);
        case 7 -> type = r.stringOf(wire, field);
        case 8 -> payload = r.bytesOf(wire, field);
        case 9 -> logIdNew = r.stringOf(wire, field);
        default -> r.skip(wire, field);
      }
    }
    return new FeishuFrame(
        seqId, logId, service, method, headers, encoding, type, payload, logIdNew);
  }

  private static FeishuFrame.Header header(byte[] bytes) throws FeishuFrameException {
    Reader r = new Reader(bytes, 0, bytes.length);
    String key = "";
    String value = "";
    while (r.more()) {
      long tag = r.varint();
      int field = field(tag);
      int wire = (int) (tag & 7);
      switch (field) {
        case 1 -> key = r.stringOf(wire, field);
        case 2 -> value = r.stringOf(wire, field);
        default -> r.skip(wire, field);
      }
    }
    return new FeishuFrame.Header(key, value);
  }

  private static int field(long tag) throws FeishuFrameException {
    long field = tag >>> 3;
    if (field < 1 || field > 0x1FFFFFFF) {
      throw new FeishuFrameException("字段编号无效：" + field);
    }
    return (int) field;
  }

  private static int length(byte[] b) {
    return b == null ? 0 : b.length;
  }

  private static byte[] utf8(String s) {
    return s == null ? new byte[0] : s.getBytes(StandardCharsets.UTF_8);
  }

  private static void varintField(ByteArrayOutputStream out, int field, long value) {
    writeVarint(out, ((long) field << 3) | VARINT);
    writeVarint(out, value);
  }

  private static void bytesField(ByteArrayOutputStream out, int field, byte[] value) {
    writeVarint(out, ((long) field << 3) | LENGTH);
    writeVarint(out, value.length);
    out.write(value, 0, value.length);
  }

  private static void writeVarint(ByteArrayOutputStream out, long v) {
    while ((v & ~0x7FL) != 0) {
      out.write((int) ((v & 0x7F) | 0x80));
      v >>>= 7;
    }
    out.write((int) v);
  }

  /** Reads the wire format from {@code bytes[pos, end)}, never past {@code end}. */
  private static final class Reader {
    private final byte[] bytes;
    private final int end;
    private int pos;

    Reader(byte[] bytes, int pos, int end) {
      this.bytes = bytes;
      this.pos = pos;
      this.end = end;
    }

    boolean more() {
      return pos < end;
    }

    long varint() throws FeishuFrameException {
      long v = 0;
      for (int shift = 0; shift < 64; shift += 7) {
        if (pos >= end) {
          throw new FeishuFrameException("帧在第 " + pos + " 字节处截断（varint 未结束）");
        }
        byte b = bytes[pos++];
        v |= (long) (b & 0x7F) << shift;
        if ((b & 0x80) == 0) {
          return v;
        }
      }
      throw new FeishuFrameException("varint 超过 10 字节（第 " + pos + " 字节）");
    }

    long varintOf(int wire, int field) throws FeishuFrameException {
      expect(wire, VARINT, field);
      return varint();
    }

    byte[] bytesOf(int wire, int field) throws FeishuFrameException {
      expect(wire, LENGTH, field);
      long n = varint();
      if (n < 0 || n > end - pos) {
        throw new FeishuFrameException(
            "字段 " + field + " 声明长度 " + Long.toUnsignedString(n) + "，帧里只剩 " + (end - pos) + " 字节");
      }
      byte[] out = new byte[(int) n];
      System.arraycopy(bytes, pos, out, 0, (int) n);
      pos += (int) n;
      return out;
    }

    String stringOf(int wire, int field) throws FeishuFrameException {
      return new String(bytesOf(wire, field), StandardCharsets.UTF_8);
    }

    void skip(int wire, int field) throws FeishuFrameException {
      switch (wire) {
        case VARINT -> varint();
        case FIXED64 -> advance(8, field);
        case FIXED32 -> advance(4, field);
        case LENGTH -> {
          long n = varint();
          if (n < 0 || n > end - pos) {
            throw new FeishuFrameException("未知字段 " + field + " 的长度超出帧");
          }
          pos += (int) n;
        }
        default -> throw new FeishuFrameException("字段 " + field + " 的 wire type " + wire + " 不支持");
      }
    }

    private void advance(int n, int field) throws FeishuFrameException {
      if (n > end - pos) {
        throw new FeishuFrameException("字段 " + field + " 截断");
      }
      pos += n;
    }

    private static void expect(int wire, int wanted, int field) throws FeishuFrameException {
      if (wire != wanted) {
        throw new FeishuFrameException("字段 " + field + " 的 wire type 应为 " + wanted + "，实为 " + wire);
      }
    }
  }
}
