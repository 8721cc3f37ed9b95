// Validates GitHub Actions workflow files with GitHub's own workflow parser and schema
// (@actions/workflow-parser: ESM importing JSON without attributes, so the test bundles this
// file with esbuild and runs it in a separate process). Prints one JSON object:
// { "<file>": { "errors": [...], "jobs": [...] } }.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { convertWorkflowTemplate, NoOperationTraceWriter, parseWorkflow } from '@actions/workflow-parser';

const results = {};
async function main() {
  for (const file of process.argv.slice(2)) {
    const content = readFileSync(file, 'utf8');
    const parsed = parseWorkflow({ name: path.basename(file), content }, new NoOperationTraceWriter());
    const errors = parsed.context.errors.getErrors().map((e) => e.message);
    let jobs = [];
    if (parsed.value) {
      const template = await convertWorkflowTemplate(parsed.context, parsed.value);
      errors.push(...(template.errors ?? []).map((e) => e.Message ?? e.message ?? String(e)));
      jobs = (template.jobs ?? []).map((j) => j.id?.value ?? String(j.id));
    }
    results[path.basename(file)] = { errors, jobs };
  }
  process.stdout.write(JSON.stringify(results));
}
main();
