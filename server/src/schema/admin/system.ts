// Admin panel, system: the audit log, system logs, alerts and each admin's own
// notifications. All staff-only: node(id) answers null to anyone else.
import "./system/audit-log.ts";
import "./system/logs-and-alerts.ts";
import "./system/notifications.ts";
