// Which Microsoft 365 tenants the bot works for. The Teams SDK checks that an activity comes from
// the Bot Framework for this bot (audience, issuer, serviceUrl), not which organisation sent it:
// with a multi-tenant app any tenant could add the bot. ALLOWED_TENANTS names the tenants of the
// partnerships; an activity from any other is logged and dropped without an answer, and the
// bot posts to no conversation of it. An empty list allows every tenant (as before).
import { z } from "zod";

const ZTenantCarrier = z.looseObject({
  type: z.string().optional(),
  conversation: z.looseObject({ tenantId: z.string().nullish() }).nullish(),
  channelData: z.looseObject({ tenant: z.looseObject({ id: z.string().nullish() }).nullish() }).nullish(),
});

/** Every tenant id an activity names (conversation.tenantId and channelData.tenant.id), lower-cased. */
function tenantsOf(activity: unknown): string[] {
  const parsed = ZTenantCarrier.safeParse(activity);
  if (!parsed.success) return [];
  const ids = [parsed.data.conversation?.tenantId, parsed.data.channelData?.tenant?.id].filter((id): id is string => typeof id === "string" && id !== "");
  return [...new Set(ids.map((id) => id.toLowerCase()))];
}

export type TenantPolicy = {
  /** Whether the bot works for this tenant (a stored conversation's workspace). */
  allows(tenantId: string): boolean;
  /** Whether an incoming activity may reach the bot: it names a tenant, and every tenant it names is allowed. */
  admits(activity: unknown): { ok: true } | { ok: false; tenants: string[] };
};

export function tenantPolicy(allowed: ReadonlySet<string>): TenantPolicy {
  const open = allowed.size === 0;
  const allows = (tenantId: string) => open || allowed.has(tenantId.toLowerCase());
  return {
    allows,
    admits(activity) {
      if (open) return { ok: true };
      const tenants = tenantsOf(activity);
      return tenants.length > 0 && tenants.every(allows) ? { ok: true } : { ok: false, tenants };
    },
  };
}
