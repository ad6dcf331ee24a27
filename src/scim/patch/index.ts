export * from './apply-patch.ts';
export * from './parse-patch-request.ts';
