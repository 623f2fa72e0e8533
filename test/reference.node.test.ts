// The API reference as a reader meets it (typedoc with typedoc.config.mjs and its plugins, nothing
// written): the SDK's zod-inferred types read as the objects they are, with the objects inside
// them linked to their own pages by name, the schemas typed by what they check, and no internals.
// (`npm test` also runs typedoc itself, whose validation fails on undocumented exports.)
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { Application, ReflectionKind, type DeclarationReflection, type ProjectReflection, type SomeType } from 'typedoc';

const root = fileURLToPath(new URL('..', import.meta.url));

async function reference(): Promise<ProjectReflection> {
  const cwd = process.cwd();
  process.chdir(root);
  try {
    const app = await Application.bootstrapWithPlugins({ options: `${root}typedoc.config.mjs`, logLevel: 'Error' });
    const project = await app.convert();
    assert.ok(project, 'typedoc converted the entry points');
    return project;
  } finally {
    process.chdir(cwd);
  }
}

const project = await reference();
const sdk = (name: string, kind: ReflectionKind) => {
  const found = project.getReflectionsByKind(kind).find((reflection) => reflection.name === name && reflection.parent?.name === '@memberkit/sdk');
  assert.ok(found, `@memberkit/sdk's ${name}`);
  return found as DeclarationReflection;
};
/** The members of an object type alias, each as the reference shows its type. */
const members = (alias: DeclarationReflection) => {
  assert.equal(alias.type?.type, 'reflection', `${alias.name} is shown as an object`);
  const declaration = (alias.type as Extract<SomeType, { type: 'reflection' }>).declaration;
  return Object.fromEntries((declaration.children ?? []).map((child) => [child.name, child.type?.toString()]));
};

describe('the API reference (typedoc)', () => {
  it('shows a zod-inferred type as its members, the types inside linked by name', () => {
    const signup = members(sdk('Signup', ReflectionKind.TypeAlias));
    assert.deepEqual(
      { member: signup.member, membership: signup.membership, quote: signup.quote, next_action: signup.next_action, status: signup.status },
      { member: 'Member', membership: 'Membership', quote: 'SignupQuote', next_action: 'NextAction', status: 'SignupStatus' },
    );
    const type = members(sdk('MembershipType', ReflectionKind.TypeAlias));
    assert.equal(type.fields, 'CustomField[]');
    assert.equal(type.membership_name, 'string');
  });

  it('types every schema by what it checks (ZodMiniObject<MembershipType>), and no type as z.infer<…>', () => {
    assert.equal(sdk('MembershipTypeSchema', ReflectionKind.Variable).type?.toString(), 'ZodMiniObject<MembershipType>');
    const inferred = project
      .getReflectionsByKind(ReflectionKind.TypeAlias)
      .filter((alias) => /\b(infer|output|input|TypeOf)</.test((alias as DeclarationReflection).type?.toString() ?? ''))
      .map((alias) => alias.getFullName());
    assert.deepEqual(inferred, []);
  });

  it('shows no internals: no member named with a leading underscore, no Lit property declarations', () => {
    const internal = project
      .getReflectionsByKind(ReflectionKind.Property | ReflectionKind.Method | ReflectionKind.Accessor)
      .filter((reflection) => reflection.name.startsWith('_') || (reflection.name === 'properties' && reflection.flags.isStatic))
      .map((reflection) => reflection.getFullName());
    assert.deepEqual(internal, []);
  });
});
