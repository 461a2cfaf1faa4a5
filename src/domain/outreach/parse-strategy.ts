// Reads a strategy file (YAML, or JSON, which is YAML) and validates it. Every problem names the line and
// the field, e.g. `consumer-default.yaml:14: steps[2].channels[0]: expected one of email|sms|letter|call_task|escalate`.
import { isMap, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import { buildInputProblems } from '../compliance/input-schema.ts';
import { parseAmount } from '../money/money.ts';
import { selectArmSteps, strategySchema, type StrategyDefinition } from './strategy-definition.ts';

export type StrategyProblem = { line: number; column: number; field: string; message: string };
export type ParsedStrategy = { ok: true; strategy: StrategyDefinition } | { ok: false; problems: StrategyProblem[] };

type PathSegment = string | number;

function nodeAt(root: Node | null, path: readonly PathSegment[]): Node | null {
  let node: Node | null = root;
  let best = root;
  for (const segment of path) {
    if (node === null) break;
    if (isMap(node)) {
      const pair = node.items.find((item) => (item.key as { value?: unknown } | null)?.value === segment);
      if (pair === undefined) break;
      // Point at the key when the value is missing, at the value otherwise.
      node = (pair.value as Node | null) ?? (pair.key as Node);
    } else if (isSeq(node) && typeof segment === 'number') {
      node = (node.items[segment] as Node | undefined) ?? null;
    } else {
      break;
    }
    if (node !== null) best = node;
  }
  return best;
}

function formatField(path: readonly PathSegment[]): string {
  let text = '';
  for (const segment of path) text += typeof segment === 'number' ? `[${segment}]` : text === '' ? segment : `.${segment}`;
  return text === '' ? '(strategy)' : text;
}

/** Parses and validates one strategy. Pure: the caller reads the file. */
export function parseStrategy(text: string, currency = 'USD'): ParsedStrategy {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false });
  const locate = (offset: number) => lineCounter.linePos(offset);
  if (document.errors.length > 0) {
    return {
      ok: false,
      problems: document.errors.map((error) => {
        const position = locate(error.pos[0]);
        return { line: position.line, column: position.col, field: '(syntax)', message: error.message.split('\n')[0]! };
      }),
    };
  }
  const root = document.contents as Node | null;
  const at = (path: readonly PathSegment[], message: string, field = formatField(path)): StrategyProblem => {
    const node = nodeAt(root, path);
    const position = locate(node?.range?.[0] ?? 0);
    return { line: position.line, column: position.col, field, message };
  };
  const parsed = strategySchema.safeParse(document.toJS());
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.flatMap((issue) => {
        const path = issue.path.filter((segment): segment is PathSegment => typeof segment !== 'symbol');
        return buildInputProblems([issue]).map((problem) => {
          // An unknown key: point at the key itself.
          const keyPath = problem.message === 'unknown field' && issue.code === 'unrecognized_keys' ? [...path, problem.path.split('.').at(-1)!] : path;
          return at(keyPath, problem.message, problem.path);
        });
      }),
    };
  }
  const strategy = parsed.data;
  const problems: StrategyProblem[] = [];
  // Cross-field rules zod cannot say per field.
  for (const [arm, base] of [['steps', strategy.steps], ['challenger', strategy.challenger?.steps ?? []]] as const) {
    const seen = new Set<string>();
    base.forEach((step, index) => {
      const path = arm === 'steps' ? ['steps', index, 'id'] : ['challenger', 'steps', index, 'id'];
      if (seen.has(step.id)) problems.push(at(path, `duplicate step id "${step.id}"`));
      seen.add(step.id);
    });
  }
  const amounts: Array<[PathSegment[], string | undefined]> = [
    [['entry', 'minBalance'], strategy.entry.minBalance], [['entry', 'maxBalance'], strategy.entry.maxBalance],
    ...strategy.fees.map((fee, index): [PathSegment[], string] => [['fees', index, 'amount'], fee.amount]),
  ];
  for (const [path, amount] of amounts) {
    if (amount !== undefined && !parseAmount(amount, currency).ok) problems.push(at(path, `"${amount}" has more decimals than ${currency} allows`));
  }
  if (strategy.entry.minDaysPastDue !== undefined && strategy.entry.maxDaysPastDue !== undefined && strategy.entry.minDaysPastDue > strategy.entry.maxDaysPastDue) {
    problems.push(at(['entry', 'maxDaysPastDue'], 'must not be less than minDaysPastDue'));
  }
  for (const arm of ['champion', 'challenger'] as const) {
    const steps = selectArmSteps(strategy, arm);
    steps.forEach((step, index) => {
      if (step.channels.includes('escalate') && step.channels.length > 1) {
        const path = arm === 'champion' ? ['steps', index, 'channels'] : ['challenger', 'steps', index, 'channels'];
        problems.push(at(path, '"escalate" stands alone: it hands the account to a person'));
      }
    });
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, strategy };
}

/** One line per problem: `FILE:LINE:COLUMN: FIELD: MESSAGE`. */
export function formatStrategyProblems(fileName: string, problems: readonly StrategyProblem[]): string {
  return problems.map((problem) => `${fileName}:${problem.line}:${problem.column}: ${problem.field}: ${problem.message}`).join('\n');
}
