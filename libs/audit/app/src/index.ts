export * from './audit.module';
export * from './audit.tokens';
export * from './audit-stores';
export * from './reads/read-log';
export * from './history/history.query';
