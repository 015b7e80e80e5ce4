export { CustomerReportService } from './customer-report.service.js';
export { CustomerReportResolver, AccountReportSharesResolver } from './customer-report.resolver.js';
export { CustomerReport } from './customer-report.types.js';
export { CustomerReportShareRecord, CustomerReportShareView } from './report-share.entity.js';
export { ReportShareService, openSharedReport } from './report-share.service.js';
export { reportRoutes } from './report.routes.js';
