export * from './check-immutable.ts';
export * from './check-required.ts';
export * from './coerce-value.ts';
export * from './normalize-resource.ts';
