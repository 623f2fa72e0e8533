// The API reference's own typedoc plugin, loaded after typedoc-plugin-zod (typedoc.config.mjs).
// typedoc-plugin-zod shows a `z.infer<typeof MembershipTypeSchema>` alias as the object it infers,
// but zod's inferred types have no names inside: `MembershipType.price` would be spelled out again
// instead of reading `Price`. This plugin links every object that is exactly the shape of an
// exported type alias to that alias by name. It also leaves out the element's `static properties`
// (Lit's declarations of its reactive properties and internal state, `_t` among them): the
// properties themselves are documented on the element.
import { Converter, ReferenceType, ReflectionKind, ReflectionType } from 'typedoc';

/** A type's structure as text: members by name, unions in any order. */
function shapeOf(type) {
  if (!type) return '?';
  switch (type.type) {
    case 'reflection': {
      const declaration = type.declaration;
      const members = (declaration.children ?? []).map((child) => `${child.name}${child.flags.isOptional ? '?' : ''}:${shapeOf(child.type)}`).sort();
      const calls = (declaration.signatures ?? []).map((signature) => `(${(signature.parameters ?? []).map((p) => shapeOf(p.type)).join(',')})=>${shapeOf(signature.type)}`);
      const index = (declaration.indexSignatures ?? []).map((signature) => `[${shapeOf(signature.parameters?.[0]?.type)}]:${shapeOf(signature.type)}`);
      return `{${[...members, ...calls, ...index].join(';')}}`;
    }
    case 'union':
      return `(${type.types.map(shapeOf).sort().join('|')})`;
    case 'intersection':
      return `(${type.types.map(shapeOf).sort().join('&')})`;
    case 'array':
      return `${shapeOf(type.elementType)}[]`;
    case 'tuple':
      return `[${type.elements.map(shapeOf).join(',')}]`;
    default:
      return type.toString();
  }
}

/** @param {import('typedoc').Application} app */
export function load(app) {
  app.converter.on(
    Converter.EVENT_RESOLVE_BEGIN,
    (context) => {
      const project = context.project;
      for (const reflection of project.getReflectionsByKind(ReflectionKind.Property)) {
        if (reflection.name === 'properties' && reflection.flags.isStatic && reflection.parent?.name === 'MembershipSignup') project.removeReflection(reflection);
      }

      // Objects, and unions of objects or string literals (`NextAction`, `SignupStatus`): a union
      // such as `string | null` is no one type's shape.
      const named = (type) =>
        type instanceof ReflectionType ||
        (type?.type === 'union' &&
          type.types.every((member) => member instanceof ReflectionType || (member.type === 'literal' && typeof member.value === 'string') || member.type === 'intersection'));
      const aliases = project.getReflectionsByKind(ReflectionKind.TypeAlias).filter((alias) => named(alias.type));
      /** Shape → the aliases of that shape (one, or several that are the same object by other names). */
      const byShape = new Map();
      for (const alias of aliases) {
        const shape = shapeOf(alias.type);
        byShape.set(shape, [...(byShape.get(shape) ?? []), alias]);
      }

      /** Drops the reflections of the object types inside a type that a link replaces. */
      const removeInner = (type) => {
        if (type instanceof ReflectionType) project.removeReflection(type.declaration);
        else if (type.type === 'union' || type.type === 'intersection') type.types.forEach(removeInner);
      };

      const link = (type, self) => {
        if (!type) return type;
        if (named(type)) {
          const alike = (byShape.get(shapeOf(type)) ?? []).filter((alias) => alias !== self);
          // Several aliases of one shape: the first declared (the others are its synonyms).
          if (alike.length > 0) {
            removeInner(type);
            return ReferenceType.createResolvedReference(alike[0].name, alike[0], project);
          }
        }
        if (type instanceof ReflectionType) {
          for (const child of type.declaration.children ?? []) child.type = link(child.type, self);
          for (const signature of type.declaration.signatures ?? []) {
            signature.type = link(signature.type, self);
            for (const parameter of signature.parameters ?? []) parameter.type = link(parameter.type, self);
          }
          return type;
        }
        if (type.type === 'union' || type.type === 'intersection') type.types = type.types.map((member) => link(member, self));
        else if (type.type === 'array') type.elementType = link(type.elementType, self);
        else if (type.type === 'tuple') type.elements = type.elements.map((element) => link(element, self));
        return type;
      };

      for (const alias of aliases) {
        const roots = alias.type instanceof ReflectionType ? [alias.type] : alias.type.types.filter((member) => member instanceof ReflectionType);
        for (const root of roots) {
          for (const child of root.declaration.children ?? []) child.type = link(child.type, alias);
          for (const signature of root.declaration.signatures ?? []) signature.type = link(signature.type, alias);
        }
      }
    },
    1000,
  );
}
