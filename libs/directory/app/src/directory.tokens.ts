export const DIRECTORY_SERVICE = 'directory';
/** The ServiceHost running the directory projection and its outbox relay. */
export const DIRECTORY_HOST = Symbol('directory:host');
