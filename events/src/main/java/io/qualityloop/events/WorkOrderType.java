package io.qualityloop.events;

/**
 * 工程派工单 type: A is a warranty repair billed to the contractor's quality deposit, B an
 * out-of-warranty repair borne by the company.
 */
public enum WorkOrderType {
  A,
  B
}
