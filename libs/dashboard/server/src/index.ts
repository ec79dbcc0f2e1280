export * from './dashboard.module';
export * from './dashboard.options';
export * from './live/live-hub';
export * from './live/live-notice';
