package io.qualityloop.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SurgeTestTest {
  private final SurgeTest test =
      SurgeTest.DEFAULT; // min 5, alpha 0.0001, floor 0.5/week, 4 weeks of history

  @Test
  void aPlantedSurgeIsFound() {
    // 8 weeks with 10 mentions in all: 1.25 a week expected. 11 this week:
    // P(X >= 11 | 1.25) = 1 - sum_{k<=10} e^-1.25 1.25^k / k! ~ 5.0e-8
    SurgeTest.Result r = test.test(11, 10, 8);
    assertThat(r.expected()).isEqualTo(1.25);
    assertThat(r.pValue()).isLessThan(1e-7).isGreaterThan(1e-8);
    assertThat(r.surge()).isTrue();
    assertThat(r.liftPercent()).isEqualTo(780);
  }

  @Test
  void theUpperTailIsThePoissonOne() {
    // lambda 2, X >= 3: 1 - e^-2 (1 + 2 + 2) = 1 - 5 e^-2 = 0.3233
    assertThat(test.test(3, 16, 8).pValue()).isCloseTo(1 - 5 * Math.exp(-2), within(1e-9));
  }

  @Test
  void aFlatSeriesNeverAlarms() {
    // a steady 3 a week: over 52 weeks of the same count, no week is a surge
    for (int week = 4; week < 52; week++) {
      assertThat(test.test(3, 3L * Math.min(week, 8), Math.min(week, 8)).surge()).isFalse();
    }
    // ordinary noise around 3 a week: 6 in a week is p ~ 0.084, far above 0.0001
    assertThat(test.test(6, 24, 8).surge()).isFalse();
  }

  @Test
  void fewMentionsOrTooLittleHistoryNeverAlarm() {
    // 4 mentions of a word never seen: p = P(X >= 4 | 0.5) ~ 0.0018, and below the minimum count
    assertThat(test.test(4, 0, 8).surge()).isFalse();
    // 5 never seen: p = P(X >= 5 | 0.5) ~ 1.7e-4, not below 0.0001: chance, for a company testing
    // thousands of terms
    assertThat(test.test(5, 0, 8).pValue()).isBetween(1.7e-4, 1.8e-4);
    assertThat(test.test(5, 0, 8).surge()).isFalse();
    // 6 never seen: p ~ 1.4e-5 < 0.0001 and the minimum is met: a surge
    assertThat(test.test(6, 0, 8).surge()).isTrue();
    // the same with only 3 weeks of history: not yet
    assertThat(test.test(6, 0, 3).surge()).isFalse();
    assertThat(test.test(0, 5, 8).pValue()).isEqualTo(1.0);
  }
}
