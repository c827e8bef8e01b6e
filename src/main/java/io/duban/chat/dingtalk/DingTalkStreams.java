package io.duban.chat.dingtalk;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.duban.chat.BotSpec;
import io.duban.chat.Platform;
import io.duban.chat.inbox.Inbox;
import io.duban.chat.outbox.AdminAlerts;
import io.duban.chat.stream.ConnectionStatus;
import io.duban.chat.stream.StreamClient;
import io.duban.chat.stream.StreamClientFactory;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import okhttp3.OkHttpClient;

/** Makes the Stream-mode connection of each DingTalk app robot in {@code mode: stream}. */
@Singleton
public class DingTalkStreams implements StreamClientFactory {
  @Inject OkHttpClient http;
  @Inject ObjectMapper json;
  @Inject Inbox inbox;
  @Inject AdminAlerts alerts;
  @Inject Clock wall;

  /** The waits of the clients made from now on (tests shorten them; a singleton: no proxy). */
  volatile DingTalkStream.Timings timings = DingTalkStream.Timings.DEFAULT;

  @Override
  public Platform platform() {
    return Platform.DINGTALK;
  }

  @Override
  public StreamClient create(BotSpec bot, ConnectionStatus status) {
    return new DingTalkStream(bot, status, http, json, inbox, alerts, wall, timings);
  }
}
