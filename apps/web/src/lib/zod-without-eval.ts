// The storefront's Content Security Policy forbids eval (docs/decisions/0025). Zod would probe
// for it with `new Function` when its first schema is built, and the browser reports that as a
// violation even though zod catches the error; its interpreted parsers are fast enough here.
// Zod keeps its settings on `globalThis.__zod_globalConfig` (zod/v4/core/core.js), so they are
// set here, first thing in main.tsx, without pulling zod itself into the first load: zod and
// the schemas arrive later, beside the first API call (ADR 32).
const scope = globalThis as { __zod_globalConfig?: { jitless?: boolean } };
scope.__zod_globalConfig ??= {};
scope.__zod_globalConfig.jitless = true;

export {};
