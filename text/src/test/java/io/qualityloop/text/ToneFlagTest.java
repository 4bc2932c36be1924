package io.qualityloop.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ToneFlagTest {
  private final ToneFlag tone = new ToneFlag(TextResources.shipped());

  @Test
  void strongWordsFlagATextNegative() {
    // 推诿 3 + 敷衍 3 = 6 >= 3
    ToneFlag.Tone t = tone.of("管家对我们反映的事情推诿敷衍");
    assertThat(t.netNegative()).isEqualTo(6.0);
    assertThat(t.negative()).isTrue();
    assertThat(t.words()).containsExactly("推诿", "敷衍");
  }

  @Test
  void aNegatedPositiveWordIsNegativeAndTheLongestWordWins() {
    // 不满意 is one negative word (3), not 不 + 满意
    assertThat(tone.of("对处理结果不满意").netNegative()).isEqualTo(3.0);
    // 不 + 及时 (positive 2) turns negative: 2; below the threshold alone
    ToneFlag.Tone late = tone.of("维修不及时");
    assertThat(late.netNegative()).isEqualTo(2.0);
    assertThat(late.negative()).isFalse();
    assertThat(late.words()).containsExactly("不及时");
  }

  @Test
  void anIntensifierMultipliesAndPraiseOffsets() {
    // 非常 (x1.5) 失望 (3) = 4.5
    assertThat(tone.of("非常失望").netNegative()).isEqualTo(4.5);
    // 感谢 3 + 及时 2 = 5 positive, 多次 2 negative: net -3
    ToneFlag.Tone thanks = tone.of("多次报修，这次师傅很及时，感谢");
    assertThat(thanks.netNegative()).isEqualTo(-3.0);
    assertThat(thanks.negative()).isFalse();
  }

  @Test
  void neutralAndEmptyTextsAreNotNegative() {
    assertThat(tone.of("卫生间地漏堵塞").negative()).isFalse();
    assertThat(tone.of("").negative()).isFalse();
    assertThat(tone.of(null).words()).isEmpty();
  }
}
