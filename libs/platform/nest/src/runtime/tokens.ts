/** Injection tokens shared by every service module. */
export const CLOCK = Symbol('rapport:clock');
export const ENVIRONMENT = Symbol('rapport:environment');
export const STORAGE = Symbol('rapport:storage');
