package io.duban.chat.feishu;

/** A long-connection frame that is not valid protobuf {@code pbbp2.Frame}: says where and why. */
final class FeishuFrameException extends Exception {
  private static final long serialVersionUID = 1L;

  FeishuFrameException(String message) {
    super(message);
  }
}
