export * from './field-cipher';
export * from './key-vault';
export * from './sqlite-key-repository';
export * from './postgres-key-repository';
export * from './encrypting-event-store';
export * from './forget-overwritten';
