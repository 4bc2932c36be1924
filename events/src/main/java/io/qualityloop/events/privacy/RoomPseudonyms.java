package io.qualityloop.events.privacy;

import io.qualityloop.events.Pseudonymizer;
import java.io.Serializable;
import java.util.Objects;

/**
 * The room (房号) as a keyed pseudonym, so the lake keeps project, building and unit (planners see
 * defects by building) but nobody without the key can tell which flat a record is about.
 *
 * <p>{@code rm_} + the first 16 bytes of HMAC-SHA-256 of {@code project|building|unit|room} (each
 * trimmed, a missing building or unit empty) under a key derived from the pseudonym key for rooms
 * only ({@link Pseudonymizer#derived}): the household pseudonym, an HMAC of the same values under
 * the pseudonym key itself, cannot be compared with it. Whoever holds the key can only check a
 * candidate room ({@link #matches}) or list the rooms of a unit they already know; the pseudonym
 * cannot be reversed.
 */
public final class RoomPseudonyms implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The purpose the room key is derived for; changing it changes every room pseudonym. */
  static final String PURPOSE = "room";

  private final Pseudonymizer rooms;

  public RoomPseudonyms(Pseudonymizer pseudonymKey) {
    this.rooms = pseudonymKey.derived(PURPOSE);
  }

  /** The pseudonym of {@code room} in that project, building and unit; null without a room. */
  public String of(String projectId, String building, String unit, String room) {
    if (room == null || room.isBlank()) {
      return null;
    }
    return rooms.pseudonym(
        "rm", String.join("|", clean(projectId), clean(building), clean(unit), clean(room)));
  }

  /**
   * Whether {@code pseudonym} is that of {@code candidateRoom} in that project, building and unit.
   */
  public boolean matches(
      String pseudonym, String projectId, String building, String unit, String candidateRoom) {
    return pseudonym != null
        && Objects.equals(pseudonym, of(projectId, building, unit, candidateRoom));
  }

  private static String clean(String part) {
    return part == null ? "" : part.trim();
  }
}
