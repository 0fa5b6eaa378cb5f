// The authorization matrix's machinery: which fields the schema has (by introspection of
// the built schema), the fixtures and audiences, one minimal operation per field, and how an
// answer maps to an Outcome.
import {
  getNamedType,
  isAbstractType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLSchema,
} from "graphql";
import { GRAPHQL_PATH } from "../../src/app.ts";
import { ApiKeyScope } from "../../src/generated/prisma/enums.ts";
import { createAvatar, createCatalogue } from "./generation-fixtures.ts";
import type { TestApi } from "./harness.ts";
import { AUDIENCES, keyWithout, SCOPES, type AudienceId, type Outcome } from "./authorization-audiences.ts";

const ROOTS = ["Query", "Mutation", "Subscription"] as const;
/** Object types that are only a namespace under a root field: every field of theirs is a root. */
const NAMESPACES: Record<string, string> = { AdminQueries: "admin" };

export interface SchemaField {
  path: string;
  typeName: string;
  field: GraphQLField<unknown, unknown>;
}

/** Pothos keeps a field's options, `authScopes` among them, on the built field's extensions. */
function hasAuthScopes(field: GraphQLField<unknown, unknown>): boolean {
  const options = (field.extensions as { pothosOptions?: { authScopes?: unknown } } | undefined)?.pothosOptions;
  return options?.authScopes !== undefined;
}

/** Every root field, every field of a namespace type, and every object field carrying `authScopes`. */
export function schemaFields(schema: GraphQLSchema): SchemaField[] {
  const found: SchemaField[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith("__")) continue;
    const everyField = (ROOTS as readonly string[]).includes(type.name) || type.name in NAMESPACES;
    for (const field of Object.values(type.getFields())) {
      if (everyField || hasAuthScopes(field)) found.push({ path: `${type.name}.${field.name}`, typeName: type.name, field });
    }
  }
  return found.sort((a, b) => a.path.localeCompare(b.path));
}

// ---------------------------------------------------------------------------------------
// Fixtures and audiences

const globalId = (type: string, id: number) => Buffer.from(`${type}:${id}`).toString("base64");
/** A well-formed id of `type` no row has: mutations probed with it stop at NOT_FOUND once authorised. */
const absentId = (type: string) => globalId(type, 2_147_483_000);

export interface Fixtures {
  ownerId: number;
  /** Global ids, by type name, of rows of the owning user (or of the public catalogue). */
  ids: Record<string, string>;
  /** Global ids of the owner's rows that a mutation probe may change or delete. */
  spare: Record<string, string>;
  galleryToken: string;
}

/** One of each row the probes target, owned by `ownerId` (a user with a Telegram identity). */
export async function createFixtures(api: TestApi, ownerId: number, otherId: number): Promise<Fixtures> {
  const { prisma } = api;
  const catalogue = await createCatalogue(prisma);
  const item = await prisma.packItem.findFirstOrThrow({ where: { packId: catalogue.packId } });
  const tier = await prisma.pricingTier.create({ data: { code: "authz-tier", name: "Tier", price: "499.00", photoCount: 7 } });
  const avatarId = await createAvatar(prisma, ownerId);
  const reference = await prisma.referencePhoto.findFirstOrThrow({ where: { avatarId } });
  const job = await prisma.generationJob.create({ data: { avatarId, styleId: catalogue.styleId, totalPhotos: 1 } });
  const photo = await prisma.generatedPhoto.create({
    data: { avatarId, jobId: job.id, prompt: "authz", imageUrl: "http://files.test/files/authz.png" },
  });
  const payment = await prisma.payment.create({
    data: { userId: ownerId, provider: "TEST", status: "PENDING", idempotencyKey: "authz-payment", amount: "499.00", photoCount: 7 },
  });
  // The owner is a partner (may create API keys) who referred the other user, who paid.
  const referredPayment = await prisma.payment.create({
    data: { userId: otherId, status: "SUCCEEDED", idempotencyKey: "authz-referred", amount: "990.00", photoCount: 7 },
  });
  const earning = await prisma.referralEarning.create({
    data: { referrerId: ownerId, referredId: otherId, paymentId: referredPayment.id, amount: "100", rate: "0.1", provider: "TBANK" },
  });
  // The balance and its ledger row together: the database checks they agree at commit.
  const [transaction] = await prisma.$transaction([
    prisma.balanceTransaction.create({
      data: { userId: ownerId, currency: "RUB", kind: "COMMISSION", amount: "100", balanceAfter: "100", earningId: earning.id },
    }),
    prisma.referralBalance.create({ data: { userId: ownerId, balanceRub: "100", isPartner: true } }),
  ]);
  const code = await prisma.referralCode.create({ data: { userId: ownerId, code: "AUTHZ234" } });
  const application = await prisma.partnerApplication.create({ data: { userId: ownerId, contactName: "Partner" } });
  const galleryToken = `authz-${"x".repeat(24)}`;
  const gallery = await prisma.sharedGallery.create({
    data: { userId: ownerId, avatarId, token: galleryToken, expiresAt: new Date(Date.now() + 86_400_000) },
  });
  const ticket = await prisma.supportTicket.create({
    data: { number: `TKT-${new Date().getUTCFullYear()}-9001`, userId: ownerId, subject: "Help" },
  });
  const message = await prisma.supportTicketMessage.create({
    data: { ticketId: ticket.id, senderType: "USER", senderUserId: ownerId, body: "Hello" },
  });
  const withdrawal = await prisma.withdrawal.create({
    data: { userId: ownerId, method: "CARD", amount: 1000, ndflAmount: 130, payoutAmount: 870, details: { card: "220070******1234" } },
  });
  // Rows of the owner that one mutation may change or delete: only the owner may act on them
  // (those mutations take the `user` scope), so the probe of no other field depends on them.
  const spareAvatarId = await createAvatar(prisma, ownerId, { name: "Spare" });
  const spareReference = await prisma.referencePhoto.findFirstOrThrow({ where: { avatarId: spareAvatarId } });
  const sparePhoto = await prisma.generatedPhoto.create({
    data: { avatarId: spareAvatarId, prompt: "spare", imageUrl: "http://files.test/files/spare.png" },
  });
  const deletableAvatarId = await createAvatar(prisma, ownerId, { name: "Deletable", references: 0 });
  const spareTicket = await prisma.supportTicket.create({
    data: { number: `TKT-${new Date().getUTCFullYear()}-9002`, userId: ownerId, subject: "Spare" },
  });
  const resolvedTicket = await prisma.supportTicket.create({
    data: { number: `TKT-${new Date().getUTCFullYear()}-9003`, userId: ownerId, subject: "Resolved", status: "RESOLVED" },
  });
  const spareGallery = await prisma.sharedGallery.create({
    data: { userId: ownerId, avatarId, token: `authz-spare-${"y".repeat(20)}`, expiresAt: new Date(Date.now() + 86_400_000) },
  });
  const spareKey = await api.createApiKey(ownerId, ["REFERRALS_READ"]);
  return {
    ownerId,
    galleryToken,
    spare: {
      Avatar: globalId("Avatar", deletableAvatarId),
      ReferencePhoto: globalId("ReferencePhoto", spareReference.id),
      GeneratedPhoto: globalId("GeneratedPhoto", sparePhoto.id),
      SupportTicket: globalId("SupportTicket", spareTicket.id),
      ResolvedSupportTicket: globalId("SupportTicket", resolvedTicket.id),
      SharedGallery: globalId("SharedGallery", spareGallery.id),
      PartnerApiKey: globalId("PartnerApiKey", spareKey.id),
    },
    ids: {
      User: globalId("User", ownerId),
      Avatar: globalId("Avatar", avatarId),
      ReferencePhoto: globalId("ReferencePhoto", reference.id),
      GenerationJob: globalId("GenerationJob", job.id),
      GeneratedPhoto: globalId("GeneratedPhoto", photo.id),
      Payment: globalId("Payment", payment.id),
      ReferralEarning: globalId("ReferralEarning", earning.id),
      BalanceTransaction: globalId("BalanceTransaction", transaction.id),
      ReferralCode: globalId("ReferralCode", code.id),
      PartnerApplication: globalId("PartnerApplication", application.id),
      SharedGallery: globalId("SharedGallery", gallery.id),
      SupportTicket: globalId("SupportTicket", ticket.id),
      SupportTicketMessage: globalId("SupportTicketMessage", message.id),
      Withdrawal: globalId("Withdrawal", withdrawal.id),
      Style: globalId("Style", catalogue.styleId),
      PhotoPack: globalId("PhotoPack", catalogue.packId),
      PackItem: globalId("PackItem", item.id),
      PricingTier: globalId("PricingTier", tier.id),
    },
  };
}

export type Audiences = Record<AudienceId, Record<string, string>>;

type Caller = { id: number; headers: Record<string, string> };

/** Request headers of every audience (new users and admins when not given); the keys belong to the owner. */
export async function createAudiences(api: TestApi, owner: Caller, other: Caller): Promise<Audiences> {
  const key = (scopes: ApiKeyScope[]) => api.createApiKey(owner.id, scopes, { rateLimitPerMinute: 1_000_000 }).then((k) => k.headers);
  const audiences: Partial<Audiences> = {
    anonymous: {},
    owner: owner.headers,
    other: other.headers,
    key: await key(SCOPES),
    VIEWER: (await api.signInAdmin("VIEWER")).headers,
    OPERATOR: (await api.signInAdmin("OPERATOR")).headers,
    ADMIN: (await api.signInAdmin("ADMIN")).headers,
  };
  for (const scope of SCOPES) audiences[keyWithout(scope)] = await key(SCOPES.filter((s) => s !== scope));
  for (const { id } of AUDIENCES) if (!audiences[id]) throw new Error(`no credentials for audience ${id}`);
  return audiences as Audiences;
}

// ---------------------------------------------------------------------------------------
// Probes: one minimal operation per field

export interface Probe {
  kind: "query" | "mutation" | "subscription";
  query: string;
  variables: Record<string, unknown>;
  /** A path into `data` naming the owner's fixture: null there means the audience cannot see it. */
  visibleAt?: string[];
  /** The probe names a row that does not exist: NOT_FOUND then means "authorised". */
  absentTarget: boolean;
  /** Run with new credentials (the field ends the caller's session). */
  fresh?: boolean;
}

type Args = Record<string, unknown>;
interface ProbeOptions {
  /** Argument values (deep-merged over the generated ones). */
  args?: (fx: Fixtures) => Args;
  fresh?: boolean;
}

/**
 * Arguments that make a probe meaningful: the owner's fixtures where acting on them is harmless
 * (so the owner and another user differ), and ids no row has elsewhere (generated by default).
 */
const PROBES: Record<string, ProbeOptions> = {
  "Query.node": { args: (fx) => ({ id: fx.ids.User }) },
  "Query.nodes": { args: (fx) => ({ ids: [fx.ids.User] }) },
  "Query.photoPack": { args: (fx) => ({ id: fx.ids.PhotoPack }) },
  "Query.paymentQuote": { args: (fx) => ({ tierId: fx.ids.PricingTier }) },
  "Query.sharedGallery": { args: (fx) => ({ token: fx.galleryToken }) },
  "AdminQueries.withdrawalLogs": { args: (fx) => ({ withdrawal: fx.ids.Withdrawal }) },
  "Subscription.avatarUpdated": { args: (fx) => ({ avatarId: fx.ids.Avatar }) },
  "Subscription.generationJobUpdated": { args: (fx) => ({ jobId: fx.ids.GenerationJob }) },
  "Subscription.supportTicketMessageAdded": { args: (fx) => ({ ticketId: fx.ids.SupportTicket }) },
  "Subscription.supportTicketUpdated": { args: (fx) => ({ ticketId: fx.ids.SupportTicket }) },
  "Mutation.renameAvatar": { args: (fx) => ({ input: { avatarId: fx.ids.Avatar, name: "Avatar" } }) },
  "Mutation.favoritePhoto": { args: (fx) => ({ input: { photoId: fx.ids.GeneratedPhoto } }) },
  "Mutation.unfavoritePhoto": { args: (fx) => ({ input: { photoId: fx.ids.GeneratedPhoto } }) },
  "Mutation.createSharedGallery": { args: (fx) => ({ input: { avatarId: fx.ids.Avatar } }) },
  "Mutation.startGeneration": { args: (fx) => ({ input: { avatarId: fx.ids.Avatar } }) },
  "Mutation.postSupportMessage": { args: (fx) => ({ input: { ticketId: fx.ids.SupportTicket, body: "More" } }) },
  "Mutation.completeTestPayment": { args: (fx) => ({ input: { paymentId: fx.ids.Payment } }) },
  "Mutation.createPayment": { args: (fx) => ({ input: { tierId: fx.ids.PricingTier, provider: "TEST" } }) },
  // Valid inputs where the input is validated before the access rule runs.
  "Mutation.replyToTicket": { args: () => ({ input: { body: "Reply" } }) },
  "Mutation.updateTicket": { args: () => ({ input: { priority: "P2" } }) },
  "Mutation.approvePartnerApplication": { args: () => ({ input: { commissionRate: "0.2" } }) },
  "Mutation.createAdminUser": { args: () => ({ input: { username: "authz-probe", password: "a-long-enough-password" } }) },
  "Mutation.resetAdminPassword": { args: () => ({ input: { newPassword: "a-long-enough-password" } }) },
  "Mutation.updateSetting": { args: () => ({ input: { key: "authz.probe", type: "BOOLEAN", value: true } }) },
  "Mutation.uploadReferencePhotos": { args: () => ({ input: { files: [] } }) },
  "Mutation.deleteAvatar": { args: (fx) => ({ input: { avatarId: fx.spare.Avatar } }) },
  "Mutation.deleteReferencePhoto": { args: (fx) => ({ input: { photoId: fx.spare.ReferencePhoto } }) },
  "Mutation.deleteGeneratedPhoto": { args: (fx) => ({ input: { photoId: fx.spare.GeneratedPhoto } }) },
  "Mutation.closeSupportTicket": { args: (fx) => ({ input: { ticketId: fx.spare.SupportTicket } }) },
  "Mutation.rateSupportTicket": { args: (fx) => ({ input: { ticketId: fx.spare.ResolvedSupportTicket, rating: 5 } }) },
  "Mutation.revokeSharedGallery": { args: (fx) => ({ input: { galleryId: fx.spare.SharedGallery } }) },
  "Mutation.revokePartnerApiKey": { args: (fx) => ({ input: { apiKeyId: fx.spare.PartnerApiKey } }) },
  "Mutation.cancelWithdrawal": { args: (fx) => ({ input: { withdrawalId: fx.ids.Withdrawal } }) },
  "Mutation.signOut": { fresh: true },
  "Mutation.adminSignOut": { fresh: true },
};

/** How a probe reaches an object type's field: a wrapper around the field's selection. */
function reach(typeName: string, fx: Fixtures): { wrap: (selection: string) => string; variables: Args; visibleAt: string[] } {
  if (typeName === "PartnerView") return { wrap: (s) => `partner { ${s} }`, variables: {}, visibleAt: [] };
  if (typeName === "UserIdentity") {
    return {
      wrap: (s) => `node(id: $target) { ... on User { identities { ${s} } } }`,
      variables: { target: fx.ids.User },
      visibleAt: ["node"],
    };
  }
  const id = fx.ids[typeName];
  if (!id) throw new Error(`the authorization matrix has no fixture of ${typeName}: add one to createFixtures() or a case to reach()`);
  return { wrap: (s) => `node(id: $target) { ... on ${typeName} { ${s} } }`, variables: { target: id }, visibleAt: ["node"] };
}

function selectionOf(schema: GraphQLSchema, type: GraphQLNamedType): string {
  if (isLeafType(type)) return "";
  const error = schema.getType("Error");
  const members = isAbstractType(type) ? schema.getPossibleTypes(type) : isObjectType(type) ? [type] : [];
  const canFail = isAbstractType(error) && members.some((member) => schema.isSubType(error, member));
  const errorFragment = canFail ? " ... on Error { code } ... on ValidationError { fieldErrors { field message } }" : "";
  return `{ __typename${errorFragment} }`;
}

const isRequired = (type: GraphQLInputType, defaultValue: unknown) => isNonNullType(type) && defaultValue === undefined;

/** The node type a relay global-id argument or input field takes (Pothos' `t.arg.globalID({ for })`). */
function globalIdFor(extensions: unknown): string {
  const targets = (extensions as { relayGlobalIDFor?: Array<{ typename: string }> } | undefined)?.relayGlobalIDFor;
  return targets?.[0]?.typename ?? "Node";
}

/** A value of `type`, with only the required input fields; `absent` is set when an id is made up. */
function placeholder(type: GraphQLInputType, given: unknown, absent: { used: boolean }, idType = "Node"): unknown {
  const inner = isNonNullType(type) ? type.ofType : type;
  if (isListType(inner)) return given ?? [placeholder(inner.ofType, undefined, absent, idType)];
  if (isInputObjectType(inner)) {
    const value: Args = { ...(given as Args | undefined) };
    for (const field of Object.values(inner.getFields())) {
      if (field.name in value || !isRequired(field.type, field.defaultValue)) continue;
      value[field.name] = placeholder(field.type, undefined, absent, globalIdFor(field.extensions));
    }
    return value;
  }
  if (given !== undefined) return given;
  if (isEnumType(inner)) return inner.getValues()[0]!.value;
  if (!isScalarType(inner)) throw new Error(`no placeholder for ${String(type)}`);
  switch (inner.name) {
    case "ID":
      absent.used = true;
      return absentId(idType);
    case "Int":
    case "Float":
      return 1;
    case "Boolean":
      return false;
    case "Decimal":
      return "1";
    case "DateTime":
      return new Date(Date.now() + 86_400_000).toISOString();
    case "JSON":
      return {};
    default:
      return "authz-probe";
  }
}

export function probeFor(schema: GraphQLSchema, { path, typeName, field }: SchemaField, fx: Fixtures): Probe {
  const options = PROBES[path] ?? {};
  const given = options.args?.(fx) ?? {};
  const absent = { used: false };
  const variables: Args = {};
  const definitions: string[] = [];
  const passed: string[] = [];
  for (const arg of field.args) {
    if (!(arg.name in given) && !isRequired(arg.type, arg.defaultValue)) continue;
    variables[`a_${arg.name}`] = placeholder(arg.type, given[arg.name], absent, globalIdFor(arg.extensions));
    definitions.push(`$a_${arg.name}: ${String(arg.type)}`);
    passed.push(`${arg.name}: $a_${arg.name}`);
  }
  const call = `${field.name}${passed.length ? `(${passed.join(", ")})` : ""} ${selectionOf(schema, getNamedType(field.type))}`;
  let kind: Probe["kind"] = "query";
  let body = call;
  let visibleAt: string[] | undefined;
  if (typeName === "Mutation") kind = "mutation";
  else if (typeName === "Subscription") kind = "subscription";
  else if (typeName in NAMESPACES) body = `${NAMESPACES[typeName]} { ${call} }`;
  else if (typeName !== "Query") {
    const route = reach(typeName, fx);
    body = route.wrap(call);
    Object.assign(variables, route.variables);
    if ("target" in route.variables) definitions.push("$target: ID!");
    visibleAt = route.visibleAt.length ? route.visibleAt : undefined;
  }
  // Root fields that look a fixture up answer null when the caller may not see it.
  if (typeName === "Query" && ["node", "photoPack", "sharedGallery"].includes(field.name)) visibleAt = [field.name];
  if (typeName === "Query" && field.name === "nodes") visibleAt = ["nodes", "0"];
  const query = `${kind}${definitions.length ? `(${definitions.join(", ")})` : ""} { ${body} }`;
  return { kind, query, variables, visibleAt, absentTarget: absent.used, fresh: options.fresh };
}

// ---------------------------------------------------------------------------------------
// Running a probe and reading its outcome

interface Answer {
  data?: Record<string, unknown> | null;
  errors?: Array<{ message: string; extensions?: { code?: string } }>;
}

/** Codes of answers that passed the authorization layer (typed domain errors and friends). */
const DOMAIN_CODES = new Set([
  "NOT_FOUND",
  "VALIDATION_FAILED",
  "CONFLICT",
  "PAYMENT_REQUIRED",
  "INVALID_SIGN_IN",
  "INVALID_CREDENTIALS",
  "ACCOUNT_LOCKED",
  "IDEMPOTENCY_KEY_REUSED",
  "PROMO_CODE_INVALID",
  "PAYMENT_PROVIDER_FAILED",
  "USER_BANNED",
  "INVALID_ID",
]);

async function send(api: TestApi, probe: Probe, headers: Record<string, string>): Promise<Answer> {
  const request = {
    method: "POST",
    headers: { "content-type": "application/json", ...headers, ...(probe.kind === "subscription" ? { accept: "text/event-stream" } : {}) },
    body: JSON.stringify({ query: probe.query, variables: probe.variables }),
  };
  const response = await api.app.fetch(`http://localhost${GRAPHQL_PATH}`, request);
  if (probe.kind !== "subscription" || !response.headers.get("content-type")?.startsWith("text/event-stream")) {
    return (await response.json()) as Answer;
  }
  // A subscription: its first event, or silence (an open stream: authorised, nothing happened yet).
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  // Long enough for a refusal that needs a database read (another user's row) under load.
  const deadline = Date.now() + 1_000;
  try {
    while (Date.now() < deadline) {
      const chunk = await Promise.race([
        reader.read(),
        new Promise<null>((resolve) => setTimeout(() => resolve(null), Math.max(0, deadline - Date.now()))),
      ]);
      if (chunk === null || chunk.done) break;
      buffer += decoder.decode(chunk.value, { stream: true });
      const data = buffer
        .split("\n")
        .filter((line) => line.startsWith("data:"))
        .map((line) => line.slice(5).trim())
        .find((line) => line.length > 0);
      if (data) return JSON.parse(data) as Answer;
    }
    return { data: {} };
  } finally {
    await reader.cancel().catch(() => {});
  }
}

function typedErrorCodes(value: unknown, into: string[]) {
  if (Array.isArray(value)) for (const item of value) typedErrorCodes(item, into);
  else if (value && typeof value === "object") {
    const record = value as Record<string, unknown>;
    if (typeof record.__typename === "string" && record.__typename.endsWith("Error") && typeof record.code === "string") {
      into.push(record.code);
    }
    for (const inner of Object.values(record)) typedErrorCodes(inner, into);
  }
}

/** The outcome of `answer`, or a thrown Error when the probe crashed or was malformed. */
export function outcomeOf(probe: Probe, answer: Answer): Outcome {
  const codes: string[] = [];
  for (const error of answer.errors ?? []) codes.push(error.extensions?.code ?? `no code: ${error.message}`);
  typedErrorCodes(answer.data, codes);
  if (codes.includes("UNAUTHENTICATED")) return "UNAUTHENTICATED";
  if (codes.includes("FORBIDDEN")) return "FORBIDDEN";
  const unexpected = codes.filter((code) => !DOMAIN_CODES.has(code));
  if (unexpected.length > 0) throw new Error(`unexpected errors ${JSON.stringify(answer.errors ?? unexpected)}`);
  if (codes.includes("NOT_FOUND") && !probe.absentTarget) return "NOT_FOUND";
  if (probe.visibleAt) {
    let value: unknown = answer.data;
    for (const key of probe.visibleAt) value = value == null ? null : (value as Record<string, unknown>)[key];
    if (value == null) return "NOT_FOUND";
  }
  return "allow";
}

/** The outcome of `probe` for the caller with `headers`, and the answer it came from. */
export async function runProbe(api: TestApi, probe: Probe, headers: Record<string, string>): Promise<{ outcome: Outcome; answer: Answer }> {
  const answer = await send(api, probe, headers);
  try {
    return { outcome: outcomeOf(probe, answer), answer };
  } catch (error) {
    throw new Error(`${(error as Error).message}\n    ${probe.query} ${JSON.stringify(probe.variables)}`);
  }
}
