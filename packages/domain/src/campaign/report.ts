/**
 * 书面汇报: a unit asks the units below it for a written report by a due date; each answers
 * with text and attachments, and the asking side reviews it.
 */

/** Which units below the requester are asked: organization types, and levels down (1 = direct children; none = every level). */
export interface ReportTargetFilter {
  types?: string[];
  depth?: number | null;
}

/** A report request as it is made (POST /report-requests): the body the web sends and the server validates. */
export interface NewReportRequest {
  orgId: number;
  campaignId?: number | null;
  taskKey?: string | null;
  title: string;
  guidance: string;
  dueOn: string;
  filter: ReportTargetFilter;
}
