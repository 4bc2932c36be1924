package io.qualityloop.jobs.complaints.records;

import io.qualityloop.events.ComplaintEvent;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/** The complaint-event contract as a Flink type, serialized by {@link ComplaintEventSerializer}. */
public final class ComplaintEventTypeInfo extends TypeInformation<ComplaintEvent> {
  private static final long serialVersionUID = 1L;

  public static final ComplaintEventTypeInfo INSTANCE = new ComplaintEventTypeInfo();

  @Override
  public boolean isBasicType() {
    return false;
  }

  @Override
  public boolean isTupleType() {
    return false;
  }

  @Override
  public int getArity() {
    return 1;
  }

  @Override
  public int getTotalFields() {
    return 1;
  }

  @Override
  public Class<ComplaintEvent> getTypeClass() {
    return ComplaintEvent.class;
  }

  @Override
  public boolean isKeyType() {
    return false;
  }

  @Override
  public TypeSerializer<ComplaintEvent> createSerializer(SerializerConfig config) {
    return ComplaintEventSerializer.INSTANCE;
  }

  @Override
  public String toString() {
    return "ComplaintEvent";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ComplaintEventTypeInfo;
  }

  @Override
  public int hashCode() {
    return ComplaintEvent.class.hashCode();
  }

  @Override
  public boolean canEqual(Object o) {
    return o instanceof ComplaintEventTypeInfo;
  }
}
