export * from './trace-context';
export * from './tracing';
export * from './log-fields';
export * from './consumer-lag';
export * from './metrics';
export * from './producer-spans';
