// The bench's stand-in for the API's signup path until @memberkit/api's createMembershipApi is
// there to plug in: one SERIALIZABLE transaction per signup with the reads and writes of a free
// signup (organization, types, member by email, running memberships; member, membership, signup
// and idempotency rows), and signup-config's reads in a read-only one. It measures the server's
// own layers (HTTP front, SQL storage, retries) against the bare handler, nothing of the API's.
import type { Storage } from '@memberkit/api';
import { sampleRows } from '@memberkit/api/testing';

const rows = sampleRows('demo');

export async function seed(storage: Storage): Promise<void> {
  await storage.transaction(async (tx) => {
    if (await tx.findOne('organizations', { id: 'demo' })) return;
    await tx.insert('organizations', { ...rows.organizations, embed_origins: [] });
    for (const id of ['annual', 'monthly', 'free']) await tx.insert('membership_types', { ...rows.membership_types, id });
  });
}

/** The rows one signup writes, as the bare handler inserts them too. */
export function signupRows(id: string, email: string) {
  return {
    members: { ...rows.members, id, email },
    memberships: { ...rows.memberships, id, member_id: id, signup_id: id },
    signups: { ...rows.signups, id, member_id: id, membership_ids: [id], checkout_id: null },
    idempotency_keys: { ...rows.idempotency_keys, id: `public|${id}` },
  };
}

export function signupShapedHandle(storage: Storage) {
  return async (request: Request): Promise<Response> => {
    const url = new URL(request.url);
    if (request.method === 'GET' && url.pathname === '/v1/organizations/demo/signup-config') {
      const config = await storage.transaction(
        async (tx) => ({ organization: await tx.findOne('organizations', { id: 'demo' }), membership_types: await tx.find('membership_types', { organization_id: 'demo' }, { orderBy: [['position', 'asc']] }) }),
        { readOnly: true },
      );
      return Response.json(config);
    }
    if (request.method === 'POST' && url.pathname === '/v1/organizations/demo/signups') {
      const body = (await request.json()) as { member: { email: string } };
      const id = request.headers.get('idempotency-key')!;
      const written = signupRows(id, body.member.email);
      const status = await storage.transaction(async (tx) => {
        await tx.findOne('organizations', { id: 'demo' });
        await tx.find('membership_types', { organization_id: 'demo' });
        if (await tx.findOne('members', { organization_id: 'demo', email: body.member.email })) return 409;
        if ((await tx.find('memberships', { organization_id: 'demo', member_id: id, state: 'confirmed' })).length > 0) return 409;
        for (const [table, row] of Object.entries(written)) await tx.insert(table as never, row as never);
        return 201;
      });
      return Response.json({ id }, { status });
    }
    return new Response(null, { status: 404 });
  };
}
