package io.qualityloop.jobs.complaints.records;

import io.qualityloop.events.Channel;
import io.qualityloop.events.ComplainantIntent;
import io.qualityloop.events.ComplaintEvent;
import io.qualityloop.events.LifecycleEventType;
import io.qualityloop.events.Severity;
import io.qualityloop.events.WorkOrderType;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.BigDecSerializer;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/**
 * Flink's serializer of the complaint-event contract, for the lifecycle's state and the shuffle to
 * it: the record itself, field by field, no JSON.
 *
 * <p>Format: a format version byte, a presence bit per nullable field, then the present fields in
 * contract order; times as epoch second, nano and offset; enums by name (a constant added to the
 * contract reads back, a reordering cannot change a value). Evolution follows the contract's rule
 * (only optional fields are added within a version): a new field is appended, the format version
 * goes up, and {@link #deserialize(DataInputView)} keeps reading every older format, so state
 * written by an older job is read as is (the new fields are null). The snapshot therefore never
 * asks for a migration.
 */
public final class ComplaintEventSerializer extends TypeSerializerSingleton<ComplaintEvent> {
  private static final long serialVersionUID = 1L;

  public static final ComplaintEventSerializer INSTANCE = new ComplaintEventSerializer();

  /** The format this serializer writes; it reads this one and every earlier one. */
  static final byte FORMAT = 2; // 2: room_pseudonym appended

  @Override
  public boolean isImmutableType() {
    return true; // a record of immutable values (trades is an unmodifiable list once decoded)
  }

  @Override
  public ComplaintEvent createInstance() {
    return null;
  }

  @Override
  public ComplaintEvent copy(ComplaintEvent from) {
    return from;
  }

  @Override
  public ComplaintEvent copy(ComplaintEvent from, ComplaintEvent reuse) {
    return from;
  }

  @Override
  public int getLength() {
    return -1;
  }

  @Override
  public void serialize(ComplaintEvent e, DataOutputView out) throws IOException {
    out.writeByte(FORMAT);
    Object[] nullable = {
      e.eventId(),
      e.occurredAt(),
      e.complaintId(),
      e.eventType(),
      e.channel(),
      e.projectId(),
      e.building(),
      e.unit(),
      e.room(),
      e.functionalArea(),
      e.part(),
      e.problemType(),
      e.publicArea(),
      e.householdId(),
      e.staffId(),
      e.category(),
      e.subCategory(),
      e.rootCause(),
      e.buildingComponent(),
      e.responsibleDepartment(),
      e.severity(),
      e.intent(),
      e.workOrderType(),
      e.trades(),
      e.repairCostYuan(),
      e.description(),
      e.reason(),
      e.extendedUntil(),
      e.customerSignedOff(),
      e.roomPseudonym()
    };
    int present = 0;
    for (int i = 0; i < nullable.length; i++) {
      if (nullable[i] != null) {
        present |= 1 << i;
      }
    }
    out.writeInt(present);
    out.writeInt(e.schemaVersion());
    for (Object value : nullable) {
      if (value != null) {
        write(value, out);
      }
    }
  }

  private static void write(Object value, DataOutputView out) throws IOException {
    if (value instanceof String s) {
      StringValue.writeString(s, out);
    } else if (value instanceof Enum<?> en) {
      StringValue.writeString(en.name(), out);
    } else if (value instanceof OffsetDateTime t) {
      out.writeLong(t.toEpochSecond());
      out.writeInt(t.getNano());
      out.writeInt(t.getOffset().getTotalSeconds());
    } else if (value instanceof Boolean b) {
      out.writeBoolean(b);
    } else if (value instanceof BigDecimal d) {
      BigDecSerializer.INSTANCE.serialize(d, out);
    } else if (value instanceof List<?> list) {
      out.writeInt(list.size());
      for (Object item : list) {
        StringValue.writeString(item.toString(), out);
      }
    } else {
      throw new IllegalStateException("no format for " + value.getClass());
    }
  }

  @Override
  public ComplaintEvent deserialize(DataInputView in) throws IOException {
    byte format = in.readByte();
    if (format < 1 || format > FORMAT) {
      throw new IOException(
          "unknown complaint event format " + format + " (this build reads 1.." + FORMAT + ")");
    }
    int p = in.readInt();
    int schemaVersion = in.readInt();
    int bit = 0;
    String eventId = has(p, bit++) ? StringValue.readString(in) : null;
    OffsetDateTime occurredAt = has(p, bit++) ? time(in) : null;
    String complaintId = has(p, bit++) ? StringValue.readString(in) : null;
    LifecycleEventType eventType =
        has(p, bit++) ? LifecycleEventType.valueOf(StringValue.readString(in)) : null;
    Channel channel = has(p, bit++) ? Channel.valueOf(StringValue.readString(in)) : null;
    String projectId = has(p, bit++) ? StringValue.readString(in) : null;
    String building = has(p, bit++) ? StringValue.readString(in) : null;
    String unit = has(p, bit++) ? StringValue.readString(in) : null;
    String room = has(p, bit++) ? StringValue.readString(in) : null;
    String functionalArea = has(p, bit++) ? StringValue.readString(in) : null;
    String part = has(p, bit++) ? StringValue.readString(in) : null;
    String problemType = has(p, bit++) ? StringValue.readString(in) : null;
    Boolean publicArea = has(p, bit++) ? in.readBoolean() : null;
    String householdId = has(p, bit++) ? StringValue.readString(in) : null;
    String staffId = has(p, bit++) ? StringValue.readString(in) : null;
    String category = has(p, bit++) ? StringValue.readString(in) : null;
    String subCategory = has(p, bit++) ? StringValue.readString(in) : null;
    String rootCause = has(p, bit++) ? StringValue.readString(in) : null;
    String buildingComponent = has(p, bit++) ? StringValue.readString(in) : null;
    String responsibleDepartment = has(p, bit++) ? StringValue.readString(in) : null;
    Severity severity = has(p, bit++) ? Severity.valueOf(StringValue.readString(in)) : null;
    ComplainantIntent intent =
        has(p, bit++) ? ComplainantIntent.valueOf(StringValue.readString(in)) : null;
    WorkOrderType workOrderType =
        has(p, bit++) ? WorkOrderType.valueOf(StringValue.readString(in)) : null;
    List<String> trades = null;
    if (has(p, bit++)) {
      int n = in.readInt();
      List<String> items = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        items.add(StringValue.readString(in));
      }
      trades = List.copyOf(items);
    }
    BigDecimal repairCostYuan = has(p, bit++) ? BigDecSerializer.readBigDecimal(in) : null;
    String description = has(p, bit++) ? StringValue.readString(in) : null;
    String reason = has(p, bit++) ? StringValue.readString(in) : null;
    OffsetDateTime extendedUntil = has(p, bit++) ? time(in) : null;
    Boolean customerSignedOff = has(p, bit++) ? in.readBoolean() : null;
    String roomPseudonym = format >= 2 && has(p, bit++) ? StringValue.readString(in) : null;
    return new ComplaintEvent(
        eventId,
        schemaVersion,
        occurredAt,
        complaintId,
        eventType,
        channel,
        projectId,
        building,
        unit,
        room,
        functionalArea,
        part,
        problemType,
        publicArea,
        householdId,
        staffId,
        category,
        subCategory,
        rootCause,
        buildingComponent,
        responsibleDepartment,
        severity,
        intent,
        workOrderType,
        trades,
        repairCostYuan,
        description,
        reason,
        extendedUntil,
        customerSignedOff,
        roomPseudonym);
  }

  private static boolean has(int present, int bit) {
    return (present & (1 << bit)) != 0;
  }

  private static OffsetDateTime time(DataInputView in) throws IOException {
    long second = in.readLong();
    int nano = in.readInt();
    ZoneOffset offset = ZoneOffset.ofTotalSeconds(in.readInt());
    return OffsetDateTime.ofInstant(Instant.ofEpochSecond(second, nano), offset);
  }

  @Override
  public ComplaintEvent deserialize(ComplaintEvent reuse, DataInputView in) throws IOException {
    return deserialize(in);
  }

  @Override
  public void copy(DataInputView in, DataOutputView out) throws IOException {
    serialize(deserialize(in), out);
  }

  @Override
  public TypeSerializerSnapshot<ComplaintEvent> snapshotConfiguration() {
    return new Snapshot();
  }

  /** Restores this serializer; every format it wrote is read by the current one. */
  public static final class Snapshot extends SimpleTypeSerializerSnapshot<ComplaintEvent> {
    public Snapshot() {
      super(() -> INSTANCE);
    }
  }
}
