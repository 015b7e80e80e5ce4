export { KpiResolver } from './kpi.resolver.js';
export { KpiService, kpiCriteria } from './kpi.service.js';
export { KPI_STATEMENT_SETTINGS, kpiRecordsSql, kpiTableSql, type KpiCriteria, type KpiMonth } from './kpi.queries.js';
