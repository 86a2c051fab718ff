// The validator's tables are typed against the post model: a field added to model.ts and not
// read by validate-model.ts, or a field read there that the model no longer has, fails to
// compile. Checked by compiling a copy of src/data with the model changed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** Compiles validate-model.ts against `model.ts` changed by `edit`; returns its errors as text. */
function compileWithModel(edit: (model: string) => string): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'perch-model-'));
  try {
    cpSync(join(ROOT, 'src/data'), dir, { recursive: true });
    const modelPath = join(dir, 'model.ts');
    const model = readFileSync(modelPath, 'utf8');
    const edited = edit(model);
    assert.notEqual(edited, model, 'the edit changed model.ts');
    writeFileSync(modelPath, edited);
    const program = ts.createProgram([join(dir, 'validate-model.ts')], {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ES2022,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      lib: ['lib.es2022.d.ts'],
      strict: true,
      noEmit: true,
      types: [],
    });
    return ts
      .getPreEmitDiagnostics(program)
      .map((d) => `${d.file?.fileName.replace(dir, 'src/data') ?? ''}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const addToPost = (field: string) => (model: string) => model.replace(/export interface Post \{\n/, (head) => `${head}  ${field}\n`);

test('the validator as it is compiles against the model as it is', () => {
  assert.deepEqual(
    compileWithModel((model) => `${model}\n// unchanged\n`),
    [],
  );
});

test('a field added to Post and not validated fails to compile, naming the field', () => {
  const errors = compileWithModel(addToPost('pinned: boolean;'));
  assert.ok(
    errors.some((e) => e.startsWith('src/data/validate-model.ts') && e.includes('"pinned"')),
    `expected an error in validate-model.ts naming "pinned", got:\n${errors.join('\n')}`,
  );
});

test('an optional field added to a nested part (Author) and not validated fails to compile too', () => {
  const errors = compileWithModel((model) => model.replace(/export interface Author \{\n/, (head) => `${head}  pronouns?: string;\n`));
  assert.ok(
    errors.some((e) => e.startsWith('src/data/validate-model.ts') && e.includes('"pronouns"')),
    `expected an error in validate-model.ts naming "pronouns", got:\n${errors.join('\n')}`,
  );
});

test('a field removed from the model but still validated fails to compile', () => {
  const errors = compileWithModel((model) => model.replace(/\n\s*sensitive: boolean;/, ''));
  assert.ok(
    errors.some((e) => e.startsWith('src/data/validate-model.ts') && e.includes('"sensitive"')),
    `expected an error in validate-model.ts naming "sensitive", got:\n${errors.join('\n')}`,
  );
});
