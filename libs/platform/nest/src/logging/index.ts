export * from './logger';
export * from './correlation.middleware';
export * from './request-logging';
