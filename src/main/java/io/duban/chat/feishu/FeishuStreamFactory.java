package io.duban.chat.feishu;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.duban.chat.BotSpec;
import io.duban.chat.Platform;
import io.duban.chat.inbox.Inbox;
import io.duban.chat.stream.ConnectionStatus;
import io.duban.chat.stream.StreamClient;
import io.duban.chat.stream.StreamClientFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import okhttp3.OkHttpClient;

/** Makes the {@link FeishuStream} of each Feishu bot in {@code mode: stream}. */
@ApplicationScoped
public class FeishuStreamFactory implements StreamClientFactory {
  @Inject OkHttpClient http;
  @Inject ObjectMapper json;
  @Inject Inbox inbox;

  @Override
  public Platform platform() {
    return Platform.FEISHU;
  }

  @Override
  public StreamClient create(BotSpec bot, ConnectionStatus status) {
    return new FeishuStream(
        bot, status, http, json, new FeishuStreamEvents(bot, status, inbox, json));
  }
}
