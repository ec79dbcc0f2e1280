export * from './gate.policy';
export * from './gate.facts';
export * from './gate.events';
export * from './gate.state';
export * from './gate.evaluate';
export * from './pitch.check';
export * from './gate.commands';
export * from './gate.decider';
