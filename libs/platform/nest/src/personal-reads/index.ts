export * from './personal-data-read';
export * from './personal-reads.interceptor';
export * from './personal-reads.module';
