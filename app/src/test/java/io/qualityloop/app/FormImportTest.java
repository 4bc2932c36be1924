package io.qualityloop.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.qualityloop.events.EventStream;
import org.junit.jupiter.api.Test;

/** Which stream a file of the inbox goes to, by the form's name in the file name. */
class FormImportTest {
  @Test
  void theComplaintLedgerGoesToComplaintEventsLikeTheComplaintForm() {
    assertThat(FormImport.streamOf("2026-11-投诉台账.xlsx")).contains(EventStream.COMPLAINT_EVENTS);
    assertThat(FormImport.streamOf("客户投诉单.csv")).contains(EventStream.COMPLAINT_EVENTS);
    assertThat(FormImport.streamOf("来电来访登记表.csv")).contains(EventStream.SERVICE_INTERACTIONS);
    assertThat(FormImport.streamOf("回访台账.xlsx"))
        .as("a ledger of something else is no known form")
        .isEmpty();
  }
}
