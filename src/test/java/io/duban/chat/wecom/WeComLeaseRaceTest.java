package io.duban.chat.wecom;

import static org.assertj.core.api.Assertions.assertThat;

import io.duban.support.MutableClock;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Instances asking for a lease at the same moment, on the same database: for a bot without a row
 * (the INSERT race) and for a lease that just ran out (the conditional UPDATE race), exactly one of
 * them gets it, every time, and only the winner says it holds it.
 */
@QuarkusTest
class WeComLeaseRaceTest {
  static final String BOT = "race-bot";
  static final int ROUNDS = 40;
  static final int INSTANCES = 4;

  @Inject WeComLeases leases;
  @Inject MutableClock wall;
  @Inject EntityManager em;

  ExecutorService pool;

  @BeforeEach
  void setUp() {
    wall.set(MutableClock.START);
    WeComStreamTest.clearLeases(em);
    pool = Executors.newFixedThreadPool(INSTANCES);
  }

  @AfterEach
  void tearDown() {
    pool.shutdownNow();
    WeComStreamTest.clearLeases(em);
    wall.set(MutableClock.START);
  }

  List<WeComLeases.Holder> holders(int round) {
    List<WeComLeases.Holder> out = new ArrayList<>();
    for (int i = 0; i < INSTANCES; i++) {
      out.add(leases.holder("race-" + round + "-" + i));
    }
    return out;
  }

  /** All holders take at once; returns how many got it (an exception fails the test). */
  int race(List<WeComLeases.Holder> holders) throws Exception {
    CyclicBarrier start = new CyclicBarrier(holders.size());
    List<Future<Boolean>> results = new ArrayList<>();
    for (WeComLeases.Holder h : holders) {
      Callable<Boolean> take =
          () -> {
            start.await();
            return h.take(BOT);
          };
      results.add(pool.submit(take));
    }
    int won = 0;
    for (Future<Boolean> f : results) {
      won += f.get() ? 1 : 0;
    }
    return won;
  }

  @Test
  void exactlyOneOfSeveralInstancesGetsANewOrRunOutLease() throws Exception {
    for (int round = 0; round < ROUNDS; round++) {
      List<WeComLeases.Holder> holders = holders(round);
      if (round % 2 == 0) {
        WeComStreamTest.clearLeases(em); // no row: the INSERT race
      } else {
        wall.advance(Duration.ofSeconds(31)); // the last winner's 30 s lease ran out
      }
      assertThat(race(holders)).as("winners in round %d", round).isEqualTo(1);
      assertThat(holders.stream().filter(h -> h.holds(BOT)).count()).isEqualTo(1);
    }
  }

  @Test
  void theHolderRenewsWhileOthersAskAtTheSameMoment() throws Exception {
    List<WeComLeases.Holder> holders = holders(0);
    assertThat(holders.get(0).take(BOT)).isTrue();
    for (int round = 0; round < ROUNDS; round++) {
      wall.advance(Duration.ofSeconds(5));
      assertThat(race(holders)).as("winners in round %d", round).isEqualTo(1);
      assertThat(holders.get(0).holds(BOT)).as("the holder kept it").isTrue();
    }
  }
}
