package io.qualityloop.events.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import io.qualityloop.events.Pseudonymizer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PayloadRedactorTest {
  private final Pseudonymizer pseudonymizer =
      new Pseudonymizer("test-key-0123456789abcdef".getBytes(StandardCharsets.UTF_8));
  private final PayloadRedactor redactor = new PayloadRedactor(pseudonymizer, 200);

  @Test
  void personalFieldsBecomePseudonymsAndOtherTextIsScrubbed() {
    String out =
        redactor.redact(
            ("{\"event_id\":\"E-1\",\"customer_phone\":\"13812345678\",\"客户姓名\":\"张三\","
                    + "\"contact\":{\"address\":\"杭州市西湖区文三路1号\"},\"note\":\"请回电 139-1234-5678\"}")
                .getBytes(StandardCharsets.UTF_8));

    assertThat(out)
        .doesNotContain("13812345678", "张三", "文三路", "139-1234-5678")
        .contains("\"customer_phone\":\"" + pseudonymizer.pseudonym("pii", "13812345678") + "\"")
        .contains("\"note\":\"请回电 [手机号]\"", "\"event_id\":\"E-1\"");
  }

  @Test
  void aRejectedRecordsRoomIsPseudonymisedButBuildingUnitAndARoomPseudonymStay() {
    String out =
        redactor.redact(
            ("{\"event_id\":\"E-2\",\"building\":\"3\",\"unit\":\"2\",\"room\":\"1201\","
                    + "\"房号\":\"1202\",\"room_pseudonym\":\"rm_6dd6a7d470fbb134c09d6466e4875f2a\"}")
                .getBytes(StandardCharsets.UTF_8));

    assertThat(out)
        .doesNotContain("1201", "1202")
        .contains(
            "\"room\":\"" + pseudonymizer.pseudonym("pii", "1201") + "\"",
            "\"building\":\"3\"",
            "\"unit\":\"2\"",
            "\"room_pseudonym\":\"rm_6dd6a7d470fbb134c09d6466e4875f2a\"");
  }

  @Test
  void aHugePayloadKeepsOnlyItsStartAndNeverHalfAPhoneNumberAtTheCut() {
    // 193 characters, then a phone number that straddles the 200-character cut, then 100 KB
    // (9 + 180 x 3 + 9 + 1 + 11 + 100,000 = 100,570 bytes).
    String raw = "{\"note\":\"" + "漏".repeat(180) + "请回电 13912345678" + "x".repeat(100_000);

    String out = redactor.redact(raw.getBytes(StandardCharsets.UTF_8));

    assertThat(out)
        .startsWith("{\"note\":\"漏漏")
        .containsPattern("请回电 +…\\[truncated: 100570 bytes]")
        .doesNotContain("1391234");
  }

  @Test
  void aPayloadThatIsNotJsonIsKeptAsScrubbedTextCutToTheMaximum() {
    String raw = "{broken 18612345678 110101199003071234 " + "x".repeat(500);

    String out = redactor.redact(raw.getBytes(StandardCharsets.UTF_8));

    assertThat(out)
        .startsWith("{broken [手机号] [身份证号] xxx")
        .endsWith("…[truncated: 539 bytes]")
        .doesNotContain("18612345678");
  }
}
