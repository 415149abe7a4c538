import type { Organisation } from './organisation';

/** The organisations the bot serves, looked up by id and by Entra tenant. Read-only after start-up. */
export class OrganisationDirectory {
  private readonly byId: ReadonlyMap<string, Organisation>;
  private readonly byTenant: ReadonlyMap<string, Organisation>;
  /** Where Teams users of an unlisted tenant, and channels that carry no organisation, belong. */
  readonly fallback: Organisation;

  constructor(
    readonly all: readonly Organisation[],
    fallbackId: string,
  ) {
    this.byId = new Map(all.map((o) => [o.id, o]));
    this.byTenant = new Map(all.flatMap((o) => o.teamsTenantIds.map((tenant) => [tenant.toLowerCase(), o] as const)));
    const fallback = this.byId.get(fallbackId);
    if (!fallback) throw new Error(`DEFAULT_ORGANISATION "${fallbackId}" is not one of the organisations (${all.map((o) => o.id).join(', ')})`);
    this.fallback = fallback;
  }

  get(id: string): Organisation | undefined {
    return this.byId.get(id);
  }

  /** The organisation that lists this Entra tenant, if any. */
  forTenant(tenantId: string): Organisation | undefined {
    return this.byTenant.get(tenantId.toLowerCase());
  }
}
