export { User, RoleEnum, type UserCrew } from './user.entity.js';
