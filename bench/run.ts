// `npm run bench [name...]`: runs benchmarks and prints figures beside a baseline measured in the same run.
// Benchmarks never gate CI; they print. Each bench/<name>.ts exports `run(): Promise<void>`.
const all = ['book', 'compliance', 'workbench-api', 'cash-application', 'outreach'];
const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const names = wanted.length > 0 ? wanted : all;
for (const name of names) {
  if (!all.includes(name)) {
    console.error(`unknown benchmark "${name}"; known: ${all.join(', ')}`);
    process.exit(2);
  }
  console.log(`\n=== bench ${name} ===`);
  const module = (await import(`./${name}.ts`)) as { run: () => Promise<void> };
  await module.run();
}
