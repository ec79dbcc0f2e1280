export * from './directory.commands';
export * from './person.events';
export * from './person.decider';
export * from './team.decider';
export * from './person.personal-data';
