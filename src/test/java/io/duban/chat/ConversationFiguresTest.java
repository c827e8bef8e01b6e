package io.duban.chat;

import static io.duban.support.Chat.say;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.duban.report.Report;
import io.duban.support.TestData;
import io.duban.support.Tokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Several figures in one message, end to end through the simulator and the database (plan clock
 * 2018-06-20): each pair recorded and echoed or none at all, numbered choices that carry the
 * figure, and a hold that carries every figure of the message to 确认.
 */
@QuarkusTest
class ConversationFiguresTest {
  static final String RSJ = "dt-rsj-01"; // reporter, 人社局
  static final String TZB = "dt-tzb-01"; // reporter, 统战部
  static final String ADMIN = "dt-admin-01";

  @Inject TestData data;

  @BeforeEach
  void clean() {
    data.resetReports();
  }

  /** Every report row, oldest first, with its target loaded. */
  static List<Report> reports() {
    return QuarkusTransaction.requiringNew()
        .call(
            () -> {
              List<Report> all = Report.list("order by id");
              all.forEach(r -> r.target.code.length());
              all.forEach(r -> r.unit.name.length());
              return all;
            });
  }

  /** The target's current figure as GET /api/projects shows it (null: nothing reported). */
  static BigDecimal current(String targetId) {
    Object v =
        given()
            .header("Authorization", "Bearer " + Tokens.READ)
            .get("/api/projects")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .get("targets.flatten().find { it.id == '" + targetId + "' }.current");
    return v == null ? null : new BigDecimal(v.toString());
  }

  static String plain(BigDecimal b) {
    return b == null ? null : b.stripTrailingZeros().toPlainString();
  }

  static List<String> recorded() {
    return reports().stream().map(r -> r.target.code + "=" + plain(r.figure)).toList();
  }

  // ---------------------------------------------------------------- several pairs

  @Test
  void twoPairsNameFirstAreEachRecordedAndEchoed() {
    String reply = say(RSJ, "上报 见习人数 1950人 城镇就业 23500人");
    assertThat(reply)
        .startsWith("已记录 2 个数：")
        .contains("1. 新增大学生就业见习 累计 1,950 / 2,000 人")
        .contains("2. 城镇就业 累计 23,500 / 23,000 人")
        .doesNotContain("按 人 计");
    assertThat(recorded()).containsExactly("jobs-graduate-internship=1950", "jobs-urban=23500");
    List<Report> all = reports();
    assertThat(all)
        .allSatisfy(r -> assertThat(r.originalText).isEqualTo("上报 见习人数 1950人 城镇就业 23500人"));
    assertThat(all.get(0).messageId).isEqualTo(all.get(1).messageId);
    assertThat(current("jobs-graduate-internship")).isEqualByComparingTo("1950");
    assertThat(current("jobs-urban")).isEqualByComparingTo("23500");
  }

  @Test
  void twoPairsWithoutACommandWordAreOfferedAsOneReportAndOneRecordsBoth() {
    String offer = say(RSJ, "城镇就业 2.4万，新增大学生就业见习 1800人");
    assertThat(offer).contains("1. 上报 城镇就业").contains("2.4万").contains("1800人");
    assertThat(reports()).isEmpty();
    String reply = say(RSJ, "1");
    assertThat(reply).startsWith("已记录 2 个数：").contains("累计 24,000 /").contains("累计 1,800 /");
    assertThat(recorded()).containsExactly("jobs-urban=24000", "jobs-graduate-internship=1800");
  }

  @Test
  void figureFirstPairsAreRecordedToo() {
    String reply = say(RSJ, "上报 2.4万 城镇就业，1800人 就业见习");
    assertThat(reply).startsWith("已记录 2 个数：");
    assertThat(recorded()).containsExactly("jobs-urban=24000", "jobs-graduate-internship=1800");
  }

  @Test
  void threePairsWithMixedSeparatorsAreAllRecorded() {
    String reply = say(RSJ, "上报 城镇就业 2.4万；新增就业岗位 一万二千个、开发公益性岗位 300个");
    assertThat(reply).startsWith("已记录 3 个数：");
    assertThat(recorded())
        .containsExactly("jobs-urban=24000", "jobs-new=12000", "jobs-public-welfare=300");
  }

  @Test
  void oneUnclearPairRecordsNoneAndTheReplyNamesIt() {
    String reply = say(RSJ, "上报 城镇就业 2.4万 其中女性 1万");
    assertThat(reply).contains("第 2 个“女性 1万”").contains("一个也没有记录");
    assertThat(reports()).isEmpty();
    assertThat(plain(current("jobs-urban"))).isIn(null, "0");
  }

  @Test
  void aPairOfAnotherUnitsTargetRecordsNoneAndTheReplySaysWhich() {
    String reply = say(RSJ, "上报 城镇就业 2.4万，职工技能培训 5000人次");
    assertThat(reply)
        .contains("第 2 个数未能记录")
        .contains("职工技能培训")
        .contains("由 总工会 负责上报")
        .contains("2 个数都没有记录");
    assertThat(reports()).isEmpty();
  }

  @Test
  void theSameTargetTwiceRecordsNone() {
    String reply = say(RSJ, "上报 城镇就业 2.4万，城镇就业 2.5万");
    assertThat(reply).contains("与前面的目标重复").contains("一个也没有记录");
    assertThat(reports()).isEmpty();
  }

  @Test
  void twoTargetsWithOneFigureRecordNone() {
    // the figure was read for 城镇就业 and 新增就业岗位 was dropped without a word
    assertThat(say(RSJ, "上报 城镇就业 新增就业岗位 2.4万"))
        .contains("“城镇就业”和“新增就业岗位”两个目标，却只有一个数")
        .contains("未记录");
    assertThat(say(RSJ, "上报 城镇就业 新增就业岗位 2.4万，就业见习 1800人"))
        .contains("第 1 个")
        .contains("只有一个数")
        .contains("一个也没有记录");
    assertThat(reports()).isEmpty();
  }

  @Test
  void theSamePeriodBeforeEachFigureIsOnePeriod() {
    String reply = say(RSJ, "上报 城镇就业 5月 2万，新增就业岗位 5月 1万");
    assertThat(reply).startsWith("已记录 2 个数：").contains("计入5月");
    assertThat(recorded()).containsExactly("jobs-urban=20000", "jobs-new=10000");
    assertThat(reports()).allSatisfy(r -> assertThat(r.planDate).hasToString("2018-05-31"));
    assertThat(say(RSJ, "上报 城镇就业 5月 2.1万，新增就业岗位 4月 0.9万")).contains("只能报一个时期");
    assertThat(reports()).hasSize(2);
  }

  // ---------------------------------------------------------------- numbered choices

  @Test
  void anAmbiguousNameWithAFigureByTheAdminBecomesAnOnBehalfChoiceAndOneRecordsThatFigure() {
    String offer = say(ADMIN, "帮 统战部 报一下 募集光彩基金 300");
    assertThat(offer).contains("1. ").contains("2. ").contains("募集光彩基金");
    assertThat(reports()).isEmpty();
    String reply = say(ADMIN, "1");
    assertThat(reply).startsWith("已记录（代 统战部 上报）").contains("300 万元");
    List<Report> all = reports();
    assertThat(all).hasSize(1);
    assertThat(all.get(0).onBehalf).isTrue();
    assertThat(all.get(0).unit.name).isEqualTo("统战部");
    assertThat(all.get(0).figure).isEqualByComparingTo("3000000");
  }

  @Test
  void helpingAUnitWithAnExactNameIsAnOnBehalfReport() {
    String reply = say(ADMIN, "帮 民政局 报一下 困难群众 5000人次");
    assertThat(reply).startsWith("已记录（代 民政局 上报）").contains("累计 5,000 /");
    List<Report> all = reports();
    assertThat(all).hasSize(1);
    assertThat(all.get(0).target.code).isEqualTo("charity-beneficiaries");
    assertThat(all.get(0).onBehalf).isTrue();
    assertThat(all.get(0).unit.name).isEqualTo("民政局");
  }

  @Test
  void aFigureWithoutACommandWordIsOfferedAndOneRecordsExactlyThatFigure() {
    String offer = say(RSJ, "城镇就业 2.4万");
    assertThat(offer).contains("1. 上报 城镇就业").contains("2.4万");
    assertThat(reports()).isEmpty();
    assertThat(say(RSJ, "1")).startsWith("已记录").contains("累计 24,000 /");
    assertThat(recorded()).containsExactly("jobs-urban=24000");
    assertThat(current("jobs-urban")).isEqualByComparingTo("24000");
  }

  @Test
  void anAmbiguousPairInAMultiFigureMessageKeepsTheOtherFigureInEachOption() {
    String offer = say(TZB, "上报 募集光彩基金 300，生态光彩基金 900");
    assertThat(offer).contains("第 1 个“募集光彩基金”可能是：");
    assertThat(reports()).isEmpty();
    String choice =
        offer
            .lines()
            .filter(l -> l.matches("^\\d\\. .*") && l.contains("阳光帮扶工程"))
            .findFirst()
            .orElseThrow(() -> new AssertionError(offer))
            .substring(0, 1);
    String reply = say(TZB, choice);
    assertThat(reply).startsWith("已记录 2 个数：");
    assertThat(recorded())
        .containsExactly("aid-guangcai-fund=3000000", "eco-guangcai-fund=9000000");
  }

  // ---------------------------------------------------------------- holds

  @Test
  void aDecreaseInAMultiFigureMessageHoldsAllAndConfirmRecordsAll() {
    say(RSJ, "上报 城镇就业 2.4万");
    String held = say(RSJ, "上报 城镇就业 2万，新增就业岗位 1.5万");
    assertThat(held).contains("第 1 个").contains("比上次少").contains("这 2 个数一起记录");
    assertThat(reports()).hasSize(1);
    String reply = say(RSJ, "确认");
    assertThat(reply).startsWith("已记录 2 个数：").contains("累计 20,000 /").contains("累计 15,000 /");
    assertThat(recorded())
        .containsExactly("jobs-urban=24000", "jobs-urban=20000", "jobs-new=15000");
    assertThat(current("jobs-urban")).isEqualByComparingTo("20000");
    assertThat(current("jobs-new")).isEqualByComparingTo("15000");
  }

  @Test
  void aHeldOnBehalfMultiFigureReportIsConfirmedByTheAdminOnBehalfToo() {
    String held = say(ADMIN, "代报 人社局 城镇就业 2万，新增就业岗位 20万");
    assertThat(held).contains("第 2 个").contains("超过目标的 3 倍");
    assertThat(reports()).isEmpty();
    assertThat(say(ADMIN, "确认")).startsWith("已记录（代 人社局 上报） 2 个数：");
    assertThat(reports())
        .allSatisfy(
            r -> {
              assertThat(r.onBehalf).isTrue();
              assertThat(r.unit.name).isEqualTo("人社局");
            });
    assertThat(recorded()).containsExactly("jobs-urban=20000", "jobs-new=200000");
  }

  @Test
  void aFigureAboveThreeTimesTheTargetInAMultiFigureMessageHoldsAll() {
    String held = say(RSJ, "上报 新增就业岗位 1.5万，开发公益性岗位 3000个");
    assertThat(held).contains("第 2 个").contains("超过目标的 3 倍");
    assertThat(reports()).isEmpty();
    assertThat(say(RSJ, "确认")).startsWith("已记录 2 个数：");
    assertThat(recorded()).containsExactly("jobs-new=15000", "jobs-public-welfare=3000");
  }
}
