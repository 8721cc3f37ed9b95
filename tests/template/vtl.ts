/**
 * A small evaluator for the subset of API Gateway's mapping-template language (Apache Velocity) that the
 * template's CORS preflight uses, so a test can run that template for a request instead of pattern-matching
 * its text. One directive per line:
 *
 *   #set($name = EXPR)   #if(COND)   #foreach($name in EXPR.split('SEP'))   #end
 *
 * EXPR: 'literal' | true | false | $name | $stageVariables.name | $input.params().header.get('Name')
 * COND: EXPR | !EXPR | EXPR == EXPR
 * `#set($context.responseOverride.header.Name = EXPR)` records a header override; setting one twice is an
 * error, as it is in API Gateway (which answers 5xx). Anything else throws, so the template cannot quietly
 * grow beyond what this checks.
 */

export interface VtlRequest {
  /** Request headers exactly as sent (API Gateway's header map is case-sensitive here). */
  headers: Record<string, string>;
  stageVariables: Record<string, string>;
}

type Value = string | boolean | null;

interface Frame {
  /** Whether lines in this block run. */
  active: boolean;
  kind: 'root' | 'if' | 'foreach';
  /** For #foreach: the loop variable, the items and the line the body starts on. */
  loop?: { name: string; items: string[]; index: number; bodyStart: number };
}

const OVERRIDE = '$context.responseOverride.header.';

export function evaluateVtl(template: string, request: VtlRequest): Record<string, string> {
  const lines = template
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
  const vars = new Map<string, Value>();
  const overrides: Record<string, string> = {};

  const expr = (text: string): Value => {
    const t = text.trim();
    const literal = /^'([^']*)'$/.exec(t);
    if (literal) return literal[1]!;
    if (t === 'true' || t === 'false') return t === 'true';
    const header = /^\$input\.params\(\)\.header\.get\('([^']+)'\)$/.exec(t);
    if (header) return request.headers[header[1]!] ?? null;
    const stageVariable = /^\$stageVariables\.(\w+)$/.exec(t);
    if (stageVariable) return request.stageVariables[stageVariable[1]!] ?? null;
    const variable = /^\$(\w+)$/.exec(t);
    if (variable) return vars.get(variable[1]!) ?? null;
    throw new Error(`unsupported VTL expression: ${t}`);
  };

  const truthy = (v: Value) => v !== null && v !== false;

  const cond = (text: string): boolean => {
    const t = text.trim();
    const eq = /^(.+?)\s*==\s*(.+)$/.exec(t);
    if (eq) {
      const [a, b] = [expr(eq[1]!), expr(eq[2]!)];
      // Velocity compares a null with anything as unequal.
      return a !== null && b !== null && a === b;
    }
    if (t.startsWith('!')) return !truthy(expr(t.slice(1)));
    return truthy(expr(t));
  };

  const stack: Frame[] = [{ active: true, kind: 'root' }];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const frame = stack[stack.length - 1]!;
    const ifMatch = /^#if\((.*)\)$/.exec(line);
    const forMatch = /^#foreach\(\$(\w+) in (.+)\.split\('([^']*)'\)\)$/.exec(line);
    const setMatch = /^#set\((\$[\w.-]+)\s*=\s*(.+)\)$/.exec(line);
    if (ifMatch) {
      stack.push({ active: frame.active && cond(ifMatch[1]!), kind: 'if' });
    } else if (forMatch) {
      const source = frame.active ? expr(forMatch[2]!) : null;
      const items = typeof source === 'string' ? source.split(forMatch[3]!) : [];
      const active = frame.active && items.length > 0;
      if (active) vars.set(forMatch[1]!, items[0]!);
      stack.push({
        active,
        kind: 'foreach',
        loop: { name: forMatch[1]!, items, index: 0, bodyStart: i + 1 },
      });
    } else if (line === '#end') {
      const done = stack.pop();
      if (!done || done.kind === 'root') throw new Error('#end without #if or #foreach');
      const loop = done.loop;
      if (done.active && loop && loop.index + 1 < loop.items.length) {
        loop.index += 1;
        vars.set(loop.name, loop.items[loop.index]!);
        stack.push(done);
        i = loop.bodyStart - 1;
      }
    } else if (setMatch) {
      if (!frame.active) continue;
      const [target, value] = [setMatch[1]!, expr(setMatch[2]!)];
      if (target.startsWith(OVERRIDE)) {
        const header = target.slice(OVERRIDE.length);
        if (header in overrides)
          throw new Error(`header ${header} overridden twice (API Gateway answers 5xx)`);
        if (typeof value === 'string') overrides[header] = value;
      } else if (/^\$\w+$/.test(target)) {
        // Velocity's #set with a null value leaves the variable as it was.
        if (value !== null) vars.set(target.slice(1), value);
      } else {
        throw new Error(`unsupported #set target: ${target}`);
      }
    } else {
      throw new Error(`unsupported VTL line: ${line}`);
    }
  }
  if (stack.length !== 1) throw new Error('unclosed #if or #foreach');
  return overrides;
}
