export * from './directory.module';
export * from './directory.tokens';
export * from './directory-commands';
export * from './directory.integration';
export * from './read-models/directory.projection';
export * from './seed/directory-seed';
export * from './cli/directory-cli';
