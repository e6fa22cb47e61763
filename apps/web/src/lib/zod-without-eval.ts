import { z } from 'zod';

// The storefront's Content Security Policy forbids eval (docs/decisions/0025). Zod would probe
// for it with `new Function` when its first schema is built, and the browser reports that as a
// violation even though zod catches the error; its interpreted parsers are fast enough here.
// Imported first by main.tsx, before any module builds a schema.
z.config({ jitless: true });
