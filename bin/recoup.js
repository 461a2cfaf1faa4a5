#!/usr/bin/env node
// The `recoup` command. Recoup runs its TypeScript sources directly through tsx (DESIGN.md: "tsx to run"),
// so a checkout works without a build step, and so does a global install.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
