import { processIo, UsageError, UserError, type CommandModule, type Io } from './io.ts';

// `recoup <noun> <verb> [options]`. Each noun lives in ./commands/<noun>.ts and is loaded on demand,
// so `recoup compliance check` never pays for opening the database.
const nouns: Record<string, string> = {
  serve: 'Start Recoup on its database (embedded unless DATABASE_URL is set); loads the example book when empty.',
  migrate: 'Apply the schema migrations.',
  import: 'Import receivables from CSV or XLSX.',
  payments: 'Post and reverse payments.',
  report: 'Aging and KPI reports.',
  audit: 'Verify the audit log hash chain.',
  example: 'Generate or load the example book.',
  compliance: 'Check a proposed contact against the compliance gate.',
  plan: 'Quote, create, activate and evaluate payment plans; agreement letters.',
  promise: 'Record and evaluate promises to pay; kept-rate statistics.',
  settlement: 'Propose and approve settlements; settlement letters.',
  bank: 'Import bank files (NACHA, camt.053, CSV), the unmatched queue, NACHA debit files.',
  policy: 'Show and set the negotiation policy per creditor and role.',
  run: 'Run the daily outreach cycle (strategies, interest and fees, the outbox).',
  outreach: 'Dispatch the outbox, preview messages, validate strategies, record bounces.',
  user: 'Add and list the people who sign in to the web app.',
};

const usage = (): string =>
  'Usage: recoup <noun> <verb> [options]\n\n' +
  Object.entries(nouns).map(([noun, text]) => `  ${noun.padEnd(12)} ${text}`).join('\n') +
  '\n\nRun `recoup <noun> --help` for the verbs of one noun.\n';

export async function main(argv: string[], io: Io = processIo()): Promise<number> {
  const [noun, ...rest] = argv;
  if (noun === undefined || noun === '--help' || noun === '-h' || noun === 'help') {
    io.stdout(usage());
    return noun === undefined ? 2 : 0;
  }
  if (!(noun in nouns)) {
    io.stderr(`recoup: unknown command "${noun}"\n\n${usage()}`);
    return 2;
  }
  const module = (await import(`./commands/${noun}.ts`)) as CommandModule;
  const verb = rest[0] !== undefined && !rest[0].startsWith('-') ? rest[0] : undefined;
  const args = verb === undefined ? rest : rest.slice(1);
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout(module.usage);
    return 0;
  }
  try {
    return await module.run(verb, args, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`recoup ${noun}: ${error.message}\n\n${module.usage}`);
      return 2;
    }
    if (error instanceof UserError) {
      io.stderr(`recoup ${noun}: ${error.message}\n`);
      return 1;
    }
    // Not the user's fault: say so in one line; the stack only on request.
    io.stderr(`recoup ${noun}: internal error: ${(error as Error).message?.split('\n')[0] ?? String(error)}\n` +
      (io.env.RECOUP_DEBUG ? `${(error as Error).stack}\n` : 'Set RECOUP_DEBUG=1 to see the details.\n'));
    return 1;
  }
}
