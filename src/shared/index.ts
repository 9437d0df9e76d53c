export type * from './api';
export type * from './workspace';
export type * from './importing';
export type { ApiError, ErrorCode, ErrorDetails } from './errors';
export { isApiError } from './errors';
export type * from './pivot';
export type * from './saved';
export type * from './preview';
export type * from './findings';
