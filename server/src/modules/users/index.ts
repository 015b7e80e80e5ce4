export { User, RoleEnum } from './user.entity.js';
