export * from './attribute.ts';
export * from './common.ts';
export * from './core-group.ts';
export * from './core-user.ts';
export * from './discovery-schemas.ts';
export * from './enterprise-user.ts';
export * from './resource-type.ts';
