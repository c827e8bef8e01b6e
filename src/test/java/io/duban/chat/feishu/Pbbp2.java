package io.duban.chat.feishu;

import com.google.protobuf.ByteString;
import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Label;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Type;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.DescriptorValidationException;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import java.util.Map;

/**
 * src/test/proto/pbbp2.proto built as a descriptor by hand (no protoc here), so that tests encode
 * and decode frames with protobuf-java itself rather than with the codec under test.
 */
final class Pbbp2 {
  static final Descriptor HEADER;
  static final Descriptor FRAME;

  static {
    DescriptorProto header =
        DescriptorProto.newBuilder()
            .setName("Header")
            .addField(field("key", 1, Type.TYPE_STRING, Label.LABEL_REQUIRED))
            .addField(field("value", 2, Type.TYPE_STRING, Label.LABEL_REQUIRED))
            .build();
    DescriptorProto frame =
        DescriptorProto.newBuilder()
            .setName("Frame")
            .addField(field("SeqID", 1, Type.TYPE_UINT64, Label.LABEL_REQUIRED))
            .addField(field("LogID", 2, Type.TYPE_UINT64, Label.LABEL_REQUIRED))
            .addField(field("service", 3, Type.TYPE_INT32, Label.LABEL_REQUIRED))
            .addField(field("method", 4, Type.TYPE_INT32, Label.LABEL_REQUIRED))
            .addField(
                field("headers", 5, Type.TYPE_MESSAGE, Label.LABEL_REPEATED).toBuilder()
                    .setTypeName(".pbbp2.Header")
                    .build())
            .addField(field("payload_encoding", 6, Type.TYPE_STRING, Label.LABEL_OPTIONAL))
            .addField(field("payload_type", 7, Type.TYPE_STRING, Label.LABEL_OPTIONAL))
            .addField(field("payload", 8, Type.TYPE_BYTES, Label.LABEL_OPTIONAL))
            .addField(field("LogIDNew", 9, Type.TYPE_STRING, Label.LABEL_OPTIONAL))
            .build();
    FileDescriptorProto file =
        FileDescriptorProto.newBuilder()
            .setName("pbbp2.proto")
            .setPackage("pbbp2")
            .setSyntax("proto2")
            .addMessageType(header)
            .addMessageType(frame)
            .build();
    try {
      FileDescriptor fd = FileDescriptor.buildFrom(file, new FileDescriptor[0]);
      HEADER = fd.findMessageTypeByName("Header");
      FRAME = fd.findMessageTypeByName("Frame");
    } catch (DescriptorValidationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private Pbbp2() {}

  private static FieldDescriptorProto field(String name, int number, Type type, Label label) {
    return FieldDescriptorProto.newBuilder()
        .setName(name)
        .setNumber(number)
        .setType(type)
        .setLabel(label)
        .build();
  }

  /** A frame builder with the required ids set. */
  static DynamicMessage.Builder frame(long seq, long log, int service, int method) {
    return DynamicMessage.newBuilder(FRAME)
        .setField(FRAME.findFieldByName("SeqID"), seq)
        .setField(FRAME.findFieldByName("LogID"), log)
        .setField(FRAME.findFieldByName("service"), service)
        .setField(FRAME.findFieldByName("method"), method);
  }

  static DynamicMessage.Builder header(DynamicMessage.Builder frame, String key, String value) {
    DynamicMessage h =
        DynamicMessage.newBuilder(HEADER)
            .setField(HEADER.findFieldByName("key"), key)
            .setField(HEADER.findFieldByName("value"), value)
            .build();
    return frame.addRepeatedField(FRAME.findFieldByName("headers"), h);
  }

  static DynamicMessage.Builder headers(DynamicMessage.Builder frame, Map<String, String> h) {
    h.forEach((k, v) -> header(frame, k, v));
    return frame;
  }

  static DynamicMessage.Builder payload(DynamicMessage.Builder frame, byte[] payload) {
    return frame.setField(FRAME.findFieldByName("payload"), ByteString.copyFrom(payload));
  }

  static DynamicMessage parse(byte[] bytes) throws InvalidProtocolBufferException {
    return DynamicMessage.parseFrom(FRAME, bytes);
  }

  static Object get(DynamicMessage m, String field) {
    return m.getField(FRAME.findFieldByName(field));
  }

  /** The first value of a header in a frame protobuf-java decoded, or null. */
  static String headerOf(DynamicMessage m, String key) {
    for (Object o : (Iterable<?>) get(m, "headers")) {
      DynamicMessage h = (DynamicMessage) o;
      if (key.equals(h.getField(HEADER.findFieldByName("key")))) {
        return (String) h.getField(HEADER.findFieldByName("value"));
      }
    }
    return null;
  }

  static byte[] payloadOf(DynamicMessage m) {
    return ((ByteString) get(m, "payload")).toByteArray();
  }
}
