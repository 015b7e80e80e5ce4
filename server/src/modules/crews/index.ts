export { ServiceLine } from './service-line.entity.js';
export { Crew } from './crew.entity.js';
export { CategoryRoute } from './category-route.entity.js';
export { ServiceSchedule, VisitCadenceEnum, type ScheduleProperty } from './service-schedule.entity.js';
export { CrewService } from './crew.service.js';
export {
  CrewResolver,
  CrewVisit,
  ServiceScheduleResolver,
  ServiceLineResolver,
  UserCrewResolver,
} from './crew.resolver.js';
