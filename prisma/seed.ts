// Demo data for development: a small, realistic PinGlass (catalogue, Telegram users with
// avatars and photos, generation jobs, payments of every provider, a referral chain with
// its ledger, support tickets, admin accounts and signals).
//
// Idempotent by natural keys: every row is looked up by a unique field (telegram id,
// username, code, idempotency key, provider id, ticket number, fingerprint…) and only
// created when missing — `createMany({ skipDuplicates })` (INSERT … ON CONFLICT DO NOTHING)
// where the table has such a key, find-then-create inside a transaction where it has not.
// Existing rows are never overwritten: the dev server seeds on every start, so edits made
// through the admin panel survive a restart, and a second run changes nothing at all.
// Rows the integrity triggers check together (user + identity, balance + ledger rows) are
// written in one transaction.
//
// Refused in production. Dev admin passwords are fixed strings, printed in the summary;
// production deactivates any account that still has one (DEVELOPMENT_ADMIN_PASSWORDS).
import { createHash } from "node:crypto";
import { pathToFileURL } from "node:url";
import { hashPassword, verifyPassword } from "../server/src/auth/password.ts";
import { createPrisma, type PrismaClient } from "../server/src/db/prisma.ts";
import { DEVELOPMENT_ADMIN_PASSWORDS } from "../server/src/domain/admin-accounts.ts";
import { DEFAULT_COMMISSION_RATE, commissionOn, postCommission } from "../server/src/domain/commissions.ts";
import { FRAMINGS } from "../server/src/domain/generation.ts";
import { lockBalance } from "../server/src/domain/ledger.ts";
import { ndflFor, recordPayout, reserveForWithdrawal } from "../server/src/domain/withdrawals.ts";
import { Prisma } from "../server/src/generated/prisma/client.ts";
import type {
  AdminRole,
  AvatarStatus,
  GenerationJobStatus,
  GenerationTaskStatus,
  TicketCategory,
  TicketPriority,
  TicketStatus,
} from "../server/src/generated/prisma/client.ts";

export interface SeedSummary {
  text: string;
  admins: Array<{ username: string; role: string; password: string }>;
}

type Db = Prisma.TransactionClient;
const Decimal = Prisma.Decimal;
type Decimal = Prisma.Decimal;

const CDN = "https://cdn.pinglass.dev/demo";
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Times are relative to the first seeding run (rows are never rewritten afterwards). */
class Clock {
  constructor(readonly now: Date) {}
  ago(ms: number): Date {
    return new Date(this.now.getTime() - ms);
  }
  in(ms: number): Date {
    return new Date(this.now.getTime() + ms);
  }
}
const plus = (date: Date, ms: number) => new Date(date.getTime() + ms);

// Deterministic stand-ins for provider identifiers, so reruns hit the same unique keys.
const sha256Hex = (label: string) => createHash("sha256").update(`pinglass-demo:${label}`).digest("hex");
const tonAddress = (label: string) => `UQ${createHash("sha512").update(`pinglass-demo:${label}`).digest("base64url").slice(0, 46)}`;
const fakeUuid = (label: string) => {
  const h = sha256Hex(label);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
};
const fingerprint = (source: string, message: string) => createHash("sha256").update(`${source}\n${message}`).digest("hex");

function byKey<T>(rows: T[], key: (row: T) => string): Map<string, T> {
  return new Map(rows.map((row) => [key(row), row]));
}
function must<T>(map: Map<string, T>, key: string, what: string): T {
  const value = map.get(key);
  if (value === undefined) throw new Error(`seed: ${what} "${key}" is missing after insert (unique key taken by another row?)`);
  return value;
}

// ---------------------------------------------------------------------------------------
// Demo content
// ---------------------------------------------------------------------------------------

const DEV_ADMINS: Array<{ username: string; role: AdminRole; password: string; displayName: string; email: string }> = [
  {
    username: "admin",
    role: "ADMIN",
    password: DEVELOPMENT_ADMIN_PASSWORDS.admin,
    displayName: "Алексей Петров",
    email: "admin@pinglass.dev",
  },
  {
    username: "operator",
    role: "OPERATOR",
    password: DEVELOPMENT_ADMIN_PASSWORDS.operator,
    displayName: "Ольга, поддержка",
    email: "support@pinglass.dev",
  },
  {
    username: "viewer",
    role: "VIEWER",
    password: DEVELOPMENT_ADMIN_PASSWORDS.viewer,
    displayName: "Виктор (аналитика)",
    email: "viewer@pinglass.dev",
  },
];

// Tiers of the product (001: starter / standard / premium).
const TIERS = [
  { code: "starter", name: "Старт", price: "499.00", photoCount: 7, isPopular: false, sortOrder: 1 },
  { code: "standard", name: "Стандарт", price: "999.00", photoCount: 15, isPopular: true, sortOrder: 2 },
  { code: "premium", name: "Премиум", price: "1499.00", photoCount: 23, isPopular: false, sortOrder: 3 },
];

const NEGATIVE_PROMPT = "blurry, deformed hands, extra fingers, distorted face, asymmetric eyes, watermark, text, low resolution";

const STYLES = [
  {
    code: "professional",
    name: "Профессиональный",
    description: "Деловые портреты для резюме, LinkedIn и сайта компании",
    prompts: [
      {
        key: "professional_studio_headshot",
        title: "Студийный портрет",
        prompt:
          "Professional corporate headshot of the person, tailored navy suit, soft key light, neutral grey seamless backdrop, 85mm lens, shallow depth of field, photorealistic, sharp eyes",
      },
      {
        key: "professional_office_window",
        title: "У окна в офисе",
        prompt:
          "Business portrait of the person standing by a floor-to-ceiling office window, modern open-space office softly blurred behind, natural daylight, confident relaxed pose, photorealistic",
      },
      {
        key: "professional_conference_speaker",
        title: "Спикер конференции",
        prompt:
          "The person speaking on a conference stage, warm stage lights, audience bokeh in the background, lapel microphone, candid mid-gesture moment, editorial photography",
      },
    ],
  },
  {
    code: "lifestyle",
    name: "Лайфстайл",
    description: "Живые кадры в городе, кафе и на природе — для соцсетей",
    prompts: [
      {
        key: "lifestyle_cafe_morning",
        title: "Утро в кофейне",
        prompt:
          "Lifestyle photo of the person in a cozy Scandinavian cafe, morning sunlight through the window, cup of cappuccino, knitted sweater, candid smile, 35mm film look",
      },
      {
        key: "lifestyle_city_walk",
        title: "Прогулка по городу",
        prompt:
          "The person walking along an old European street at golden hour, beige trench coat, motion in the crowd behind, street photography, natural colours",
      },
      {
        key: "lifestyle_park_golden_hour",
        title: "Парк на закате",
        prompt:
          "Relaxed portrait of the person in a park at sunset, backlight through the trees, light linen clothes, warm tones, shallow depth of field, photorealistic",
      },
    ],
  },
  {
    code: "creative",
    name: "Креативный",
    description: "Арт-образы: неон, живопись, кино",
    prompts: [
      {
        key: "creative_neon_city",
        title: "Неоновый город",
        prompt:
          "Cinematic portrait of the person in a rainy neon-lit night city, magenta and cyan reflections, wet asphalt, cyberpunk atmosphere, high detail",
      },
      {
        key: "creative_oil_painting",
        title: "Масляная живопись",
        prompt:
          "Portrait of the person as a classical oil painting, Rembrandt lighting, rich textured brushstrokes, dark olive background, museum quality",
      },
      {
        key: "creative_film_noir",
        title: "Нуар",
        prompt:
          "Black and white film noir portrait of the person, venetian blind shadows across the face, fedora, 1940s detective movie still, high contrast, film grain",
      },
    ],
  },
];

// Prompts of the library that belong to no style (seasonal ideas an admin keeps at hand).
const LIBRARY_PROMPTS = [
  {
    key: "seasonal_winter_forest",
    title: "Зимний лес",
    prompt:
      "The person in a snowy pine forest, falling snowflakes, cozy knitted scarf, soft overcast light, magical winter mood, photorealistic",
    tags: ["seasonal", "winter"],
    isFavorite: true,
  },
  {
    key: "seasonal_new_year_lights",
    title: "Новогодние огни",
    prompt:
      "Festive portrait of the person with warm garland bokeh lights, holding a glass of sparkling wine, evening outfit, New Year celebration mood",
    tags: ["seasonal", "new-year"],
    isFavorite: false,
  },
];

const PACK = {
  name: "Личный бренд",
  description: "7 образов для соцсетей и сайта: деловые, лайфстайл и один кинематографичный кадр",
  itemKeys: [
    "professional_studio_headshot",
    "professional_office_window",
    "lifestyle_cafe_morning",
    "professional_conference_speaker",
    "lifestyle_city_walk",
    "lifestyle_park_golden_hour",
    "creative_film_noir",
  ],
};

type UserKey = "anna" | "boris" | "katya" | "dmitry" | "elena" | "fedor" | "grigory" | "mia";

interface DemoUser {
  key: UserKey;
  name: string;
  createdDaysAgo: number;
  telegram?: { id: bigint; username: string; languageCode: string; isPremium: boolean };
  email?: string;
  /** Extra sign-in methods linked to the account (besides the one it was created with). */
  linked?: Array<{ provider: "GOOGLE"; providerUserId: string; email: string }>;
  onboarded?: boolean;
}

const USERS: DemoUser[] = [
  {
    key: "anna",
    name: "Анна Смирнова",
    createdDaysAgo: 40,
    onboarded: true,
    telegram: { id: 5012345601n, username: "anna_smirnova_ph", languageCode: "ru", isPremium: true },
    linked: [{ provider: "GOOGLE", providerUserId: "104271849361027485519", email: "anna.smirnova.ph@gmail.com" }],
  },
  {
    key: "boris",
    name: "Борис Ковалёв",
    createdDaysAgo: 20,
    onboarded: true,
    telegram: { id: 5012345602n, username: "boris_kov", languageCode: "ru", isPremium: false },
  },
  {
    key: "katya",
    name: "Катя Лебедева",
    createdDaysAgo: 6,
    onboarded: true,
    telegram: { id: 5012345603n, username: "katya_lebedeva", languageCode: "ru", isPremium: false },
  },
  {
    key: "dmitry",
    name: "Дмитрий Орлов",
    createdDaysAgo: 8,
    onboarded: true,
    telegram: { id: 5012345604n, username: "d_orlov", languageCode: "ru", isPremium: false },
  },
  { key: "elena", name: "Elena Volkova", createdDaysAgo: 5, onboarded: true, email: "elena.volkova@example.com" },
  {
    key: "fedor",
    name: "Фёдор Никитин",
    createdDaysAgo: 0,
    telegram: { id: 5012345606n, username: "fedor_nikitin", languageCode: "ru", isPremium: false },
  },
  {
    key: "grigory",
    name: "Григорий Павлов",
    createdDaysAgo: 14,
    telegram: { id: 5012345607n, username: "grisha_deals", languageCode: "ru", isPremium: false },
  },
  {
    key: "mia",
    name: "Mia Schneider",
    createdDaysAgo: 2,
    onboarded: true,
    telegram: { id: 5012345608n, username: "mia_schneider", languageCode: "en", isPremium: true },
  },
];

// Avatars cover every AvatarStatus; references are what the user uploaded for each.
const AVATARS: Array<{ key: string; user: UserKey; name: string; status: AvatarStatus; references: number }> = [
  { key: "anna-business", user: "anna", name: "Деловой портрет", status: "READY", references: 6 },
  { key: "anna-website", user: "anna", name: "Для сайта-визитки", status: "DRAFT", references: 0 },
  { key: "boris-main", user: "boris", name: "Борис", status: "PROCESSING", references: 5 },
  { key: "katya-main", user: "katya", name: "Катя", status: "PROCESSING", references: 5 },
  { key: "dmitry-main", user: "dmitry", name: "Дмитрий", status: "READY", references: 4 },
  { key: "elena-main", user: "elena", name: "Elena", status: "READY", references: 5 },
  { key: "fedor-draft", user: "fedor", name: "Мой аватар", status: "DRAFT", references: 2 },
];

// ---------------------------------------------------------------------------------------
// Entry point
// ---------------------------------------------------------------------------------------

export async function seedDemoData(prisma: PrismaClient): Promise<SeedSummary> {
  if (process.env.NODE_ENV === "production") {
    throw new Error("seedDemoData: demo data is refused in production (NODE_ENV=production)");
  }
  const clock = new Clock(new Date());

  const admins = await seedAdminAccounts(prisma);
  const catalogue = await seedCatalogue(prisma, clock, admins.ids);
  const users = await seedUsers(prisma, clock, admins.ids, catalogue);
  const payments = await seedPayments(prisma, clock, users, catalogue);
  await seedGeneration(prisma, users, catalogue, payments);
  const referrals = await seedReferrals(prisma, clock, users, payments, admins.ids);
  await seedSupport(prisma, clock, users, admins.ids);
  await seedAdminActivity(prisma, clock, users, payments, referrals, admins.ids);
  await seedTelegram(prisma, clock, users, admins.ids);

  return summarise(prisma, admins.signIns);
}

// ---------------------------------------------------------------------------------------
// Admin accounts (first: catalogue, bans and support rows point at them)
// ---------------------------------------------------------------------------------------

interface AdminIds {
  admin: number;
  operator: number;
  viewer: number;
}

async function seedAdminAccounts(db: Db): Promise<{ ids: AdminIds; signIns: SeedSummary["admins"] }> {
  const ids: Record<string, number> = {};
  const signIns: SeedSummary["admins"] = [];
  for (const a of DEV_ADMINS) {
    let row = await db.adminUser.findUnique({ where: { username: a.username } });
    if (!row) {
      // Hash only for a new account: argon2 salts are random, a rehash would rewrite the row.
      await db.adminUser.createMany({
        data: [
          { username: a.username, email: a.email, displayName: a.displayName, role: a.role, passwordHash: await hashPassword(a.password) },
        ],
        skipDuplicates: true,
      });
      row = await db.adminUser.findUnique({ where: { username: a.username } });
      if (!row) throw new Error(`seed: admin "${a.username}" could not be created (email ${a.email} taken?)`);
    }
    ids[a.username] = row.id;
    // An existing account whose password was changed keeps it; only working sign-ins are printed.
    if (await verifyPassword(row.passwordHash, a.password)) signIns.push({ username: a.username, role: row.role, password: a.password });
  }
  return { ids: { admin: ids.admin!, operator: ids.operator!, viewer: ids.viewer! }, signIns };
}

// ---------------------------------------------------------------------------------------
// Catalogue: tiers, styles, prompt library, a photo pack, promo codes
// ---------------------------------------------------------------------------------------

interface Catalogue {
  tiers: Map<string, { id: number; price: Decimal; photoCount: number }>;
  styles: Map<string, { id: number }>;
  prompts: Map<string, { id: number; prompt: string; styleId: number | null }>;
  packId: number;
  promoCodes: Map<string, { id: number }>;
}

async function seedCatalogue(db: PrismaClient, clock: Clock, admins: AdminIds): Promise<Catalogue> {
  await db.pricingTier.createMany({ data: TIERS, skipDuplicates: true });
  const tiers = byKey(await db.pricingTier.findMany({ where: { code: { in: TIERS.map((t) => t.code) } } }), (t) => t.code);

  await db.style.createMany({
    data: STYLES.map((s, i) => ({ code: s.code, name: s.name, description: s.description, sortOrder: i + 1 })),
    skipDuplicates: true,
  });
  const styles = byKey(await db.style.findMany({ where: { code: { in: STYLES.map((s) => s.code) } } }), (s) => s.code);

  await db.savedPrompt.createMany({
    data: [
      ...STYLES.flatMap((s) =>
        s.prompts.map((p, i) => ({
          key: p.key,
          title: p.title,
          prompt: p.prompt,
          negativePrompt: NEGATIVE_PROMPT,
          styleId: must(styles, s.code, "style").id,
          previewUrl: `${CDN}/prompts/${p.key}.jpg`,
          tags: [s.code],
          sortOrder: i + 1,
          createdById: admins.admin,
        })),
      ),
      ...LIBRARY_PROMPTS.map((p, i) => ({
        key: p.key,
        title: p.title,
        prompt: p.prompt,
        negativePrompt: NEGATIVE_PROMPT,
        previewUrl: `${CDN}/prompts/${p.key}.jpg`,
        tags: p.tags,
        isFavorite: p.isFavorite,
        sortOrder: i + 1,
        createdById: admins.admin,
      })),
    ],
    skipDuplicates: true,
  });
  const promptKeys = [...STYLES.flatMap((s) => s.prompts.map((p) => p.key)), ...LIBRARY_PROMPTS.map((p) => p.key)];
  const prompts = byKey(await db.savedPrompt.findMany({ where: { key: { in: promptKeys } } }), (p) => p.key ?? "");

  // photo_packs has no natural unique key: the pack and its items are found by name, in one transaction.
  const packId = await db.$transaction(async (tx) => {
    const pack =
      (await tx.photoPack.findFirst({ where: { name: PACK.name }, orderBy: { id: "asc" } })) ??
      (await tx.photoPack.create({
        data: {
          name: PACK.name,
          description: PACK.description,
          coverUrl: `${CDN}/packs/personal-brand/cover.jpg`,
          sortOrder: 1,
          createdById: admins.admin,
        },
      }));
    await tx.packItem.createMany({
      data: PACK.itemKeys.map((key, position) => ({
        packId: pack.id,
        promptId: must(prompts, key, "prompt").id,
        position,
        previewUrl: `${CDN}/packs/personal-brand/${String(position + 1).padStart(2, "0")}.jpg`,
      })),
      skipDuplicates: true,
    });
    return pack.id;
  });

  // Percent and fixed codes, one already expired; uses_count is raised with each usage row.
  await db.promoCode.createMany({
    data: [
      {
        code: "WELCOME10",
        description: "Скидка 10% на первый заказ",
        discountType: "PERCENT",
        discountValue: "10.00",
        maxUses: 1000,
        validFrom: clock.ago(60 * DAY),
        createdById: admins.admin,
      },
      {
        code: "PINGLASS200",
        description: "Минус 200 ₽ для подписчиков канала",
        discountType: "FIXED",
        discountValue: "200.00",
        maxUses: 200,
        validFrom: clock.ago(7 * DAY),
        validUntil: clock.in(30 * DAY),
        createdById: admins.admin,
      },
      {
        code: "AUTUMN25",
        description: "Осенняя распродажа −25% (закончилась)",
        discountType: "PERCENT",
        discountValue: "25.00",
        maxUses: 500,
        validFrom: clock.ago(60 * DAY),
        validUntil: clock.ago(30 * DAY),
        createdById: admins.admin,
      },
    ],
    skipDuplicates: true,
  });
  const promoCodes = byKey(
    await db.promoCode.findMany({ where: { code: { in: ["WELCOME10", "PINGLASS200", "AUTUMN25"] } } }),
    (p) => p.code,
  );

  return { tiers, styles, prompts, packId, promoCodes };
}

// ---------------------------------------------------------------------------------------
// Users: accounts with their identities (one transaction: the deferred trigger requires an
// identity per user at commit), avatars and reference photos
// ---------------------------------------------------------------------------------------

interface SeededUser {
  id: number;
  key: UserKey;
  name: string;
  chatId: bigint | null;
  username: string | null;
  createdAt: Date;
}
interface Users {
  byKey: Map<string, SeededUser>;
  avatars: Map<string, { id: number; userId: number }>;
}

async function seedUsers(db: PrismaClient, clock: Clock, admins: AdminIds, catalogue: Catalogue): Promise<Users> {
  const standardTier = must(catalogue.tiers, "standard", "tier");
  const byKeyMap = await db.$transaction(async (tx) => {
    await tx.user.createMany({
      data: USERS.map((u) => {
        const createdAt = clock.ago(u.createdDaysAgo * DAY + 3 * HOUR);
        return {
          telegramUserId: u.telegram?.id ?? null,
          telegramUsername: u.telegram?.username ?? null,
          telegramChatId: u.telegram?.id ?? null, // a private chat's id is the user's id
          email: u.email ?? u.linked?.[0]?.email ?? null,
          emailVerified: Boolean(u.email ?? u.linked?.length),
          name: u.name,
          avatarUrl: u.telegram ? `${CDN}/userpics/${u.telegram.username}.jpg` : null,
          authProvider: u.telegram ? ("TELEGRAM" as const) : ("EMAIL" as const),
          onboardingCompletedAt: u.onboarded ? plus(createdAt, 10 * MINUTE) : null,
          createdAt,
          // Grigory: banned for paying with other people's cards.
          ...(u.key === "grigory"
            ? {
                isBanned: true,
                bannedAt: clock.ago(11 * DAY),
                banReason: "Попытки оплаты чужими картами, два chargeback",
                bannedById: admins.admin,
              }
            : {}),
          // Fyodor picked a tier before paying: the bot resumes the generation after payment.
          ...(u.key === "fedor" ? { pendingGenerationTierId: standardTier.id, pendingGenerationAt: clock.ago(25 * MINUTE) } : {}),
        };
      }),
      skipDuplicates: true,
    });
    const rows = await tx.user.findMany({
      where: {
        OR: [
          { telegramUserId: { in: USERS.flatMap((u) => (u.telegram ? [u.telegram.id] : [])) } },
          { email: { in: USERS.flatMap((u) => (u.email && !u.telegram ? [u.email] : [])) } },
        ],
      },
    });
    const found = new Map<string, SeededUser>();
    for (const u of USERS) {
      const row = rows.find((r) => (u.telegram ? r.telegramUserId === u.telegram.id : r.email === u.email));
      if (!row) throw new Error(`seed: user "${u.key}" is missing after insert (email taken by another account?)`);
      found.set(u.key, {
        id: row.id,
        key: u.key,
        name: row.name ?? u.name,
        chatId: row.telegramChatId,
        username: row.telegramUsername,
        createdAt: row.createdAt,
      });
    }
    await tx.userIdentity.createMany({
      data: USERS.flatMap((u) => {
        const user = must(found, u.key, "user");
        const primary = u.telegram
          ? {
              provider: "TELEGRAM" as const,
              providerUserId: String(u.telegram.id),
              metadata: { username: u.telegram.username, languageCode: u.telegram.languageCode, isPremium: u.telegram.isPremium },
            }
          : {
              provider: "EMAIL" as const,
              providerUserId: u.email!,
              email: u.email!,
              metadata: { verifiedAt: plus(user.createdAt, 2 * MINUTE).toISOString() },
            };
        const linked = (u.linked ?? []).map((l) => ({
          provider: l.provider,
          providerUserId: l.providerUserId,
          email: l.email,
          metadata: { linkedVia: "link_token" },
        }));
        return [primary, ...linked].map((identity) => ({
          ...identity,
          userId: user.id,
          lastUsedAt: clock.ago(u.createdDaysAgo === 0 ? 20 * MINUTE : 2 * HOUR),
          createdAt: user.createdAt,
        }));
      }),
      skipDuplicates: true,
    });
    return found;
  });

  // Avatars are unique per (user, idempotency key), like a retried "create avatar" call.
  await db.avatar.createMany({
    data: AVATARS.map((a) => {
      const user = must(byKeyMap, a.user, "user");
      return {
        userId: user.id,
        name: a.name,
        status: a.status,
        idempotencyKey: `demo:avatar:${a.key}`,
        thumbnailUrl: a.references > 0 ? `${CDN}/references/${a.key}/01-thumb.jpg` : null,
        createdAt: plus(user.createdAt, 15 * MINUTE),
      };
    }),
    skipDuplicates: true,
  });
  const avatarRows = await db.avatar.findMany({ where: { idempotencyKey: { in: AVATARS.map((a) => `demo:avatar:${a.key}`) } } });
  const avatars = byKey(avatarRows, (a) => (a.idempotencyKey ?? "").replace("demo:avatar:", ""));

  // reference_photos has no unique key: a photo is identified by its storage key.
  const references = AVATARS.flatMap((a) => {
    const avatar = must(avatars, a.key, "avatar");
    return Array.from({ length: a.references }, (_, i) => {
      const n = String(i + 1).padStart(2, "0");
      return {
        avatarId: avatar.id,
        imageUrl: `${CDN}/references/${a.key}/${n}.jpg`,
        storageKey: `demo/references/${a.key}/${n}.jpg`,
        originalFilename: i % 2 === 0 ? `IMG_${4100 + i * 7}.JPG` : `photo_${2024 + i}_${n}.jpg`,
        mimeType: "image/jpeg",
        sizeBytes: 1_250_000 + i * 173_411,
        createdAt: plus(avatar.createdAt, (i + 1) * MINUTE),
      };
    });
  });
  const existingKeys = new Set(
    (
      await db.referencePhoto.findMany({ where: { storageKey: { in: references.map((r) => r.storageKey) } }, select: { storageKey: true } })
    ).map((r) => r.storageKey),
  );
  const missing = references.filter((r) => !existingKeys.has(r.storageKey));
  if (missing.length) await db.referencePhoto.createMany({ data: missing });

  // Elena signed up on the web: a link code she can send to the bot to attach Telegram.
  const elena = must(byKeyMap, "elena", "user");
  await db.telegramLinkCode.createMany({
    data: [{ userId: elena.id, code: "PG-7K3M9Q", expiresAt: clock.in(15 * MINUTE) }],
    skipDuplicates: true,
  });

  return { byKey: byKeyMap, avatars: new Map([...avatars].map(([k, a]) => [k, { id: a.id, userId: a.userId }])) };
}

// ---------------------------------------------------------------------------------------
// Payments: every provider and status, filled as each provider fills them
// ---------------------------------------------------------------------------------------

type PaymentKey = `p${string}`;
interface Payments {
  byKey: Map<
    string,
    {
      id: number;
      userId: number;
      amount: Decimal;
      provider: string;
      photoCount: number;
      isTestMode: boolean;
      createdAt: Date;
      consumedAvatarId: number | null;
      rateLockedAt: Date | null;
      exchangeRate: Decimal | null;
      originalCurrency: string | null;
    }
  >;
}

async function seedPayments(db: PrismaClient, clock: Clock, users: Users, catalogue: Catalogue): Promise<Payments> {
  const user = (k: UserKey) => must(users.byKey, k, "user").id;
  const avatar = (k: string) => must(users.avatars, k, "avatar").id;
  const tier = (code: string) => must(catalogue.tiers, code, "tier");
  const key = (k: PaymentKey) => `demo:payment:${k}`;

  const tbank = (k: PaymentKey, userKey: UserKey, tierCode: string, createdAt: Date, tbankPaymentId: string) => ({
    idempotencyKey: key(k),
    orderId: `demo_${k}`,
    userId: user(userKey),
    provider: "TBANK" as const,
    tbankPaymentId,
    amount: tier(tierCode).price,
    pricingTierId: tier(tierCode).id,
    photoCount: tier(tierCode).photoCount,
    createdAt,
  });
  // Stars: the invoice is in XTR; amount stays RUB, the stars and their rate are kept.
  const stars = (k: PaymentKey, userKey: UserKey, tierCode: string, createdAt: Date, starsAmount: number, rate: string) => ({
    idempotencyKey: key(k),
    orderId: `demo_${k}`,
    userId: user(userKey),
    provider: "STARS" as const,
    telegramChargeId: `stxDemo${sha256Hex(k).slice(0, 40)}`,
    starsAmount,
    amount: tier(tierCode).price,
    originalCurrency: "XTR" as const,
    originalAmount: String(starsAmount),
    exchangeRate: rate,
    pricingTierId: tier(tierCode).id,
    photoCount: tier(tierCode).photoCount,
    createdAt,
  });
  // TON: the rate is locked for 15 minutes when the invoice is shown.
  const ton = (k: PaymentKey, userKey: UserKey, tierCode: string, createdAt: Date, tonAmount: string, rate: string) => ({
    idempotencyKey: key(k),
    orderId: `demo_${k}`,
    userId: user(userKey),
    provider: "TON" as const,
    tonAmount,
    amount: tier(tierCode).price,
    originalCurrency: "TON" as const,
    originalAmount: tonAmount,
    exchangeRate: rate,
    rateLockedAt: createdAt,
    rateExpiresAt: plus(createdAt, 15 * MINUTE),
    pricingTierId: tier(tierCode).id,
    photoCount: tier(tierCode).photoCount,
    createdAt,
  });
  const consumed = (avatarKey: string, at: Date) => ({ generationConsumed: true, consumedAt: at, consumedAvatarId: avatar(avatarKey) });

  const t = {
    p01: clock.ago(9 * DAY),
    p02: clock.ago(50 * MINUTE),
    p03: clock.ago(9 * DAY + 5 * HOUR),
    p04: clock.ago(2 * DAY),
    p05: clock.ago(6 * DAY),
    p06: clock.ago(4 * DAY),
    p07: clock.ago(1 * DAY),
    p08: clock.ago(20 * MINUTE),
    p09: clock.ago(12 * DAY),
    p10: clock.ago(12 * DAY - HOUR),
    p11: clock.ago(5 * MINUTE),
    p12: clock.ago(1 * DAY + 2 * HOUR),
    p13: clock.ago(2 * MINUTE),
  };

  const rows: Prisma.PaymentCreateManyInput[] = [
    // Anna, starter with WELCOME10 (−10%), spent on her first generation.
    {
      ...tbank("p01", "anna", "starter", t.p01, "6042118301"),
      status: "SUCCEEDED",
      amount: "449.10",
      ...consumed("anna-business", plus(t.p01, 2 * MINUTE)),
    },
    // Boris (referred by Anna): premium in Stars, generating right now.
    {
      ...stars("p02", "boris", "premium", t.p02, 1110, "1.3504504505"),
      status: "SUCCEEDED",
      ...consumed("boris-main", plus(t.p02, 3 * MINUTE)),
    },
    // Boris's first purchase, by card, nine days ago: generation completed.
    { ...tbank("p03", "boris", "premium", t.p03, "6042118377"), status: "SUCCEEDED", ...consumed("boris-main", plus(t.p03, 3 * MINUTE)) },
    // Katya (referred by Boris): Stars, generation completed.
    {
      ...stars("p04", "katya", "starter", t.p04, 370, "1.3486486486"),
      status: "SUCCEEDED",
      ...consumed("katya-main", plus(t.p04, MINUTE)),
    },
    // Dmitry: generation failed at the provider, the payment was refunded in full.
    {
      ...tbank("p05", "dmitry", "starter", t.p05, "6042118390"),
      status: "REFUNDED",
      ...consumed("dmitry-main", plus(t.p05, MINUTE)),
      refundAmount: "499.00",
      refundStatus: "SUCCEEDED",
      refundReason: "Генерация не завершилась: сбой провайдера Kie.ai (5 из 7 фото)",
      refundedAt: plus(t.p05, 5 * HOUR),
    },
    // Elena (web): offline test mode, funds the pack generation.
    {
      idempotencyKey: key("p06"),
      userId: user("elena"),
      provider: "TEST",
      status: "SUCCEEDED",
      amount: tier("starter").price,
      pricingTierId: tier("starter").id,
      photoCount: tier("starter").photoCount,
      isTestMode: true,
      createdAt: t.p06,
      ...consumed("elena-main", plus(t.p06, MINUTE)),
    },
    // Dmitry retries with TON: confirmed on chain, not spent yet.
    {
      ...ton("p07", "dmitry", "standard", t.p07, "3.200000000", "312.1875000000"),
      status: "SUCCEEDED",
      tonTxHash: sha256Hex("ton:p07"),
      tonSenderAddress: tonAddress("wallet:dmitry"),
      tonConfirmations: 14,
    },
    // Fyodor: card form opened, not paid yet.
    { ...tbank("p08", "fedor", "standard", t.p08, "6042118455"), status: "PENDING" },
    // Grigory: declined by the bank, then a cancelled attempt.
    { ...tbank("p09", "grigory", "premium", t.p09, "6042117002"), status: "FAILED" },
    { ...tbank("p10", "grigory", "starter", t.p10, "6042117010"), status: "CANCELED" },
    // Mia: TON invoice with a locked rate, waiting for the transfer.
    { ...ton("p11", "mia", "premium", t.p11, "4.752694990", "315.4000000000"), status: "PENDING" },
    // Mia: Stars payment being refunded (bought by mistake, nothing generated).
    {
      ...stars("p12", "mia", "starter", t.p12, 370, "1.3486486486"),
      status: "REFUNDING",
      refundAmount: "499.00",
      refundStatus: "PENDING",
      refundReason: "Оплата по ошибке, генерация не запускалась",
    },
    // Katya again, a minute ago: consumed by a job that has not started.
    { ...tbank("p13", "katya", "standard", t.p13, "6042118460"), status: "SUCCEEDED", ...consumed("katya-main", plus(t.p13, MINUTE)) },
  ];
  await db.payment.createMany({ data: rows, skipDuplicates: true });
  const found = await db.payment.findMany({ where: { idempotencyKey: { in: rows.map((r) => r.idempotencyKey) } } });
  const byKeyMap = byKey(found, (p) => p.idempotencyKey.replace("demo:payment:", ""));
  for (const r of rows) must(byKeyMap, r.idempotencyKey.replace("demo:payment:", ""), "payment");
  const p = (k: PaymentKey) => must(byKeyMap, k, "payment");

  // The promo usage and the code's counter move together.
  await db.$transaction(async (tx) => {
    const promo = must(catalogue.promoCodes, "WELCOME10", "promo code");
    const usage = await tx.promoCodeUsage.findUnique({ where: { promoCodeId_userId: { promoCodeId: promo.id, userId: user("anna") } } });
    if (!usage) {
      await tx.promoCodeUsage.create({
        data: {
          promoCodeId: promo.id,
          userId: user("anna"),
          paymentId: p("p01").id,
          discountAmount: "49.90",
          createdAt: p("p01").createdAt,
        },
      });
      await tx.promoCode.update({ where: { id: promo.id }, data: { usesCount: { increment: 1 } } });
    }
  });

  // Provider callbacks: (provider, event id) is the exactly-once key.
  const tbankEvent = (
    k: PaymentKey,
    status: string,
    eventStatus: "PROCESSED" | "IGNORED" | "FAILED",
    after: number,
    extra: Record<string, unknown> = {},
  ) => {
    const pay = p(k);
    return {
      provider: "TBANK" as const,
      eventId: `${pay.tbankPaymentId}:${status}`,
      eventType: status,
      status: eventStatus,
      paymentId: pay.id,
      payload: {
        TerminalKey: "PinGlassDEMO",
        OrderId: pay.orderId,
        Success: status !== "REJECTED",
        Status: status,
        PaymentId: Number(pay.tbankPaymentId),
        Amount: pay.amount.times(100).toNumber() /* kopecks */,
        Pan: "430000******0777",
        ...extra,
      },
      processedAt: eventStatus === "FAILED" ? null : plus(pay.createdAt, after),
      createdAt: plus(pay.createdAt, after),
    };
  };
  const starsEvent = (k: PaymentKey, payer: UserKey, updateId: number) => {
    const pay = p(k);
    const chatId = Number(must(users.byKey, payer, "user").chatId);
    return {
      provider: "TELEGRAM" as const,
      eventId: String(updateId),
      eventType: "successful_payment",
      status: "PROCESSED" as const,
      paymentId: pay.id,
      payload: {
        update_id: updateId,
        message: {
          chat: { id: chatId, type: "private" },
          successful_payment: {
            currency: "XTR",
            total_amount: pay.starsAmount,
            invoice_payload: pay.orderId,
            telegram_payment_charge_id: pay.telegramChargeId,
            provider_payment_charge_id: "",
          },
        },
      },
      processedAt: plus(pay.createdAt, 4_000),
      createdAt: plus(pay.createdAt, 3_000),
    };
  };
  await db.webhookEvent.createMany({
    data: [
      tbankEvent("p01", "CONFIRMED", "PROCESSED", 90_000),
      tbankEvent("p03", "AUTHORIZED", "IGNORED", 60_000),
      tbankEvent("p03", "CONFIRMED", "PROCESSED", 95_000),
      tbankEvent("p05", "CONFIRMED", "PROCESSED", 80_000),
      tbankEvent("p05", "REFUNDED", "PROCESSED", 5 * HOUR),
      tbankEvent("p09", "REJECTED", "PROCESSED", 40_000, { ErrorCode: "1051", Message: "Недостаточно средств на карте" }),
      tbankEvent("p13", "CONFIRMED", "PROCESSED", 50_000),
      starsEvent("p02", "boris", 904512201),
      starsEvent("p04", "katya", 904518877),
      starsEvent("p12", "mia", 904530014),
      {
        provider: "TON" as const,
        eventId: sha256Hex("ton:p07"),
        eventType: "incoming_transfer",
        status: "PROCESSED" as const,
        paymentId: p("p07").id,
        payload: {
          hash: sha256Hex("ton:p07"),
          source: tonAddress("wallet:dmitry"),
          value: "3200000000",
          comment: p("p07").idempotencyKey,
          lt: "47281930000003",
        },
        processedAt: plus(p("p07").createdAt, 2 * MINUTE),
        createdAt: plus(p("p07").createdAt, 2 * MINUTE),
      },
      // A callback whose token did not verify: stored for the audit trail, never applied.
      {
        provider: "TBANK" as const,
        eventId: "6042119999:CONFIRMED",
        eventType: "CONFIRMED",
        status: "FAILED" as const,
        payload: { TerminalKey: "PinGlassDEMO", OrderId: "unknown-order", Status: "CONFIRMED", PaymentId: 6042119999, Token: "0000" },
        errorMessage: "Token mismatch: notification signature is invalid",
        createdAt: clock.ago(3 * DAY),
      },
    ],
    skipDuplicates: true,
  });

  // Rates the TON invoices locked (keyed by the payment's own lock time, so reruns match).
  await db.exchangeRate.createMany({
    data: found
      .filter((pay) => pay.provider === "TON" && pay.rateLockedAt && pay.exchangeRate)
      .map((pay) => ({
        baseCurrency: "TON" as const,
        quoteCurrency: "RUB" as const,
        rate: pay.exchangeRate!,
        source: "coingecko",
        fetchedAt: pay.rateLockedAt!,
      })),
    skipDuplicates: true,
  });

  // A transfer to the merchant wallet that matched no invoice (wrong comment).
  await db.orphanPayment.createMany({
    data: [
      {
        tonTxHash: sha256Hex("ton:orphan-1"),
        senderAddress: tonAddress("wallet:unknown-1"),
        amountNano: 1_500_000_000n,
        comment: "pinglass premium",
        receivedAt: clock.ago(3 * DAY + 5 * HOUR),
      },
    ],
    skipDuplicates: true,
  });

  return { byKey: byKeyMap };
}

// ---------------------------------------------------------------------------------------
// Generation: jobs in every status, their tasks in every status, the photos they produced
// ---------------------------------------------------------------------------------------

interface DemoJob {
  key: string;
  payment: PaymentKey;
  avatar: string;
  style?: string;
  pack?: boolean;
  status: GenerationJobStatus;
  /** Task statuses by prompt index (length = the payment's photo count). */
  tasks: (total: number) => GenerationTaskStatus[];
  errorMessage?: string;
}

const run = (...parts: Array<[GenerationTaskStatus, number]>) => parts.flatMap(([s, n]) => Array<GenerationTaskStatus>(n).fill(s));

const JOBS: DemoJob[] = [
  {
    key: "anna-1",
    payment: "p01",
    avatar: "anna-business",
    style: "professional",
    status: "COMPLETED",
    tasks: (n) => run(["SUCCEEDED", n]),
  },
  { key: "boris-1", payment: "p03", avatar: "boris-main", style: "professional", status: "COMPLETED", tasks: (n) => run(["SUCCEEDED", n]) },
  {
    key: "boris-2",
    payment: "p02",
    avatar: "boris-main",
    style: "lifestyle",
    status: "PROCESSING",
    tasks: (n) => run(["SUCCEEDED", 10], ["PROCESSING", 3], ["SUBMITTED", 4], ["PENDING", n - 17]),
  },
  { key: "katya-1", payment: "p04", avatar: "katya-main", style: "creative", status: "COMPLETED", tasks: (n) => run(["SUCCEEDED", n]) },
  { key: "katya-2", payment: "p13", avatar: "katya-main", style: "creative", status: "PENDING", tasks: (n) => run(["PENDING", n]) },
  {
    key: "dmitry-1",
    payment: "p05",
    avatar: "dmitry-main",
    style: "lifestyle",
    status: "FAILED",
    tasks: (n) => run(["SUCCEEDED", 2], ["FAILED", n - 2]),
    errorMessage: "5 of 7 tasks failed after 3 attempts: Kie.ai returned 503 Service Unavailable",
  },
  { key: "elena-1", payment: "p06", avatar: "elena-main", pack: true, status: "COMPLETED", tasks: (n) => run(["SUCCEEDED", n]) },
];

async function seedGeneration(db: PrismaClient, users: Users, catalogue: Catalogue, payments: Payments) {
  const packItems = await db.packItem.findMany({ where: { packId: catalogue.packId }, include: { prompt: true } });
  const packPrompt = (position: number) =>
    must(
      byKey(packItems, (item) => String(item.position)),
      String(position),
      "pack item",
    ).prompt;

  for (const job of JOBS) {
    const payment = must(payments.byKey, job.payment, "payment");
    const avatar = must(users.avatars, job.avatar, "avatar");
    const styleId = job.style ? must(catalogue.styles, job.style, "style").id : null;
    const styleKeys = job.style ? STYLES.find((s) => s.code === job.style)!.prompts.map((p) => p.key) : [];
    const statuses = job.tasks(payment.photoCount);
    const succeeded = statuses.filter((s) => s === "SUCCEEDED").length;
    const startedAt = plus(payment.createdAt, 2 * MINUTE);
    const taskTime = (i: number) => plus(startedAt, (i + 1) * 40_000);

    // A job, its tasks and its photos appear together (one job per payment: payment_id unique).
    await db.$transaction(async (tx) => {
      await tx.generationJob.createMany({
        data: [
          {
            avatarId: avatar.id,
            styleId,
            packId: job.pack ? catalogue.packId : null,
            paymentId: payment.id,
            status: job.status,
            totalPhotos: payment.photoCount,
            completedPhotos: succeeded,
            errorMessage: job.errorMessage ?? null,
            isTestMode: payment.isTestMode,
            startedAt: job.status === "PENDING" ? null : startedAt,
            completedAt: job.status === "COMPLETED" || job.status === "FAILED" ? taskTime(statuses.length + 1) : null,
            createdAt: startedAt,
          },
        ],
        skipDuplicates: true,
      });
      const jobRow = await tx.generationJob.findUniqueOrThrow({ where: { paymentId: payment.id } });

      await tx.generationTask.createMany({
        data: statuses.map((status, i) => {
          const prompt = job.pack
            ? packPrompt(i).prompt
            : `${must(catalogue.prompts, styleKeys[i % styleKeys.length]!, "prompt").prompt}, ${FRAMINGS[i % FRAMINGS.length]}`;
          const submitted = status !== "PENDING";
          const done = status === "SUCCEEDED" || status === "FAILED";
          return {
            jobId: jobRow.id,
            avatarId: avatar.id,
            providerTaskId: submitted ? fakeUuid(`kie:${job.key}:${i}`) : null,
            promptIndex: i,
            prompt,
            status,
            resultUrl: status === "SUCCEEDED" ? photoUrl(job, i) : null,
            attempts: status === "FAILED" ? 3 : submitted ? 1 : 0,
            errorMessage: status === "FAILED" ? "Kie.ai: 503 Service Unavailable (attempt 3 of 3)" : null,
            nextPollAt: status === "SUBMITTED" || status === "PROCESSING" ? plus(taskTime(i), 15_000) : null,
            submittedAt: submitted ? taskTime(i) : null,
            completedAt: done ? plus(taskTime(i), 35_000) : null,
            createdAt: startedAt,
          };
        }),
        skipDuplicates: true,
      });

      // generated_photos: one per succeeded task (task_id unique).
      const done = await tx.generationTask.findMany({ where: { jobId: jobRow.id, status: "SUCCEEDED" }, orderBy: { promptIndex: "asc" } });
      await tx.generatedPhoto.createMany({
        data: done.map((task) => ({
          avatarId: avatar.id,
          jobId: jobRow.id,
          taskId: task.id,
          styleId: styleId ?? packPrompt(task.promptIndex).styleId,
          prompt: task.prompt,
          imageUrl: task.resultUrl ?? photoUrl(job, task.promptIndex),
          thumbnailUrl: photoUrl(job, task.promptIndex, true),
          createdAt: task.completedAt ?? task.createdAt,
        })),
        skipDuplicates: true,
      });
    });
  }

  // Favourites and a shared gallery, on photos found through their task (job + index).
  const photoOf = async (jobKey: string, index: number) => {
    const job = JOBS.find((j) => j.key === jobKey)!;
    const payment = must(payments.byKey, job.payment, "payment");
    const photo = await db.generatedPhoto.findFirst({ where: { task: { promptIndex: index, job: { paymentId: payment.id } } } });
    if (!photo) throw new Error(`seed: photo ${jobKey}#${index} is missing`);
    return photo.id;
  };
  const uid = (k: UserKey) => must(users.byKey, k, "user").id;
  await db.photoFavorite.createMany({
    data: [
      { userId: uid("anna"), photoId: await photoOf("anna-1", 0) },
      { userId: uid("anna"), photoId: await photoOf("anna-1", 2) },
      { userId: uid("anna"), photoId: await photoOf("anna-1", 5) },
      { userId: uid("katya"), photoId: await photoOf("katya-1", 1) },
      { userId: uid("elena"), photoId: await photoOf("elena-1", 0) },
      { userId: uid("elena"), photoId: await photoOf("elena-1", 6) },
    ],
    skipDuplicates: true,
  });
  const annaAvatar = must(users.avatars, "anna-business", "avatar");
  const annaPayment = must(payments.byKey, "p01", "payment");
  await db.sharedGallery.createMany({
    data: [
      {
        userId: uid("anna"),
        avatarId: annaAvatar.id,
        token: `demo_${sha256Hex("gallery:anna").slice(0, 32)}`,
        expiresAt: plus(annaPayment.createdAt, 30 * DAY),
        viewCount: 17,
        createdAt: plus(annaPayment.createdAt, 2 * HOUR),
      },
    ],
    skipDuplicates: true,
  });
}

function photoUrl(job: DemoJob, index: number, thumbnail = false) {
  const n = String(index + 1).padStart(2, "0");
  return `${CDN}/generated/${job.avatar}/${job.key}/${thumbnail ? "thumbs/" : ""}${n}.jpg`;
}

// ---------------------------------------------------------------------------------------
// Referrals: Anna → Boris → Katya, 10% commissions, the ledger, a withdrawal, a partner application
// ---------------------------------------------------------------------------------------

interface Referrals {
  withdrawalId: number;
}

// Money rows (earnings' amounts, ledger rows, balance totals) come from the domain's own
// rules, so the demo books hold the ledger invariant by construction.
const COMMISSION_RATE = DEFAULT_COMMISSION_RATE;

async function seedReferrals(db: PrismaClient, clock: Clock, users: Users, payments: Payments, admins: AdminIds): Promise<Referrals> {
  const u = (k: UserKey) => must(users.byKey, k, "user");
  const pay = (k: PaymentKey) => must(payments.byKey, k, "payment");

  await db.referralCode.createMany({
    data: [
      { userId: u("anna").id, code: "ANNA2026", createdAt: plus(u("anna").createdAt, DAY) },
      { userId: u("boris").id, code: "BORISK", createdAt: plus(u("boris").createdAt, HOUR) },
      { userId: u("katya").id, code: "KATYA7", createdAt: plus(u("katya").createdAt, HOUR) },
    ],
    skipDuplicates: true,
  });
  const codes = byKey(await db.referralCode.findMany({ where: { userId: { in: [u("anna").id, u("boris").id, u("katya").id] } } }), (c) =>
    String(c.userId),
  );

  // The Referral row and users.referred_by_id are written together (a user is referred once).
  for (const [referrer, referred] of [
    ["anna", "boris"],
    ["boris", "katya"],
  ] as const) {
    await db.$transaction(async (tx) => {
      await tx.referral.createMany({
        data: [
          {
            referrerId: u(referrer).id,
            referredId: u(referred).id,
            referralCodeId: must(codes, String(u(referrer).id), "referral code").id,
            createdAt: u(referred).createdAt,
          },
        ],
        skipDuplicates: true,
      });
      await tx.user.updateMany({ where: { id: u(referred).id, referredById: null }, data: { referredById: u(referrer).id } });
    });
  }

  // One commission per payment (payment_id unique): 10% of what the referred user paid.
  const earning = (referrer: UserKey, referred: UserKey, k: PaymentKey, status: "PENDING" | "CREDITED") => {
    const p = pay(k);
    return {
      referrerId: u(referrer).id,
      referredId: u(referred).id,
      paymentId: p.id,
      amount: commissionOn(p.amount, COMMISSION_RATE),
      originalAmount: p.amount,
      rate: COMMISSION_RATE,
      currency: "RUB" as const,
      provider: p.provider as "TBANK" | "STARS" | "TON" | "TEST",
      status,
      createdAt: plus(p.createdAt, 2 * MINUTE),
    };
  };
  await db.referralEarning.createMany({
    data: [
      // Credited once the refund window passed; recent ones are held (PENDING, not in the ledger yet).
      earning("anna", "boris", "p03", "CREDITED"),
      earning("anna", "boris", "p02", "PENDING"),
      earning("boris", "katya", "p04", "CREDITED"),
      earning("boris", "katya", "p13", "PENDING"),
    ],
    skipDuplicates: true,
  });
  const earnings = await db.referralEarning.findMany({
    where: { paymentId: { in: ["p02", "p03", "p04", "p13"].map((k) => pay(k as PaymentKey).id) } },
    orderBy: { createdAt: "asc" },
  });

  // Anna's payout card (T-Bank card id + mask only).
  await db.userCard.createMany({
    data: [
      {
        userId: u("anna").id,
        maskedNumber: "220070******4417",
        tbankCardId: "demo-tbank-card-anna-01",
        cardholderName: "ANNA SMIRNOVA",
        isDefault: true,
      },
    ],
    skipDuplicates: true,
  });
  const card = await db.userCard.findUniqueOrThrow({ where: { tbankCardId: "demo-tbank-card-anna-01" } });

  // Each referrer's balance, ledger rows and withdrawal in one transaction: the deferred
  // trigger compares the stored balance with the ledger sum at commit.
  for (const referrer of ["anna", "boris"] as const) {
    await db.$transaction(async (tx) => {
      const userId = u(referrer).id;
      await lockBalance(tx, userId); // creates the balance row (at the default rate) and holds it

      for (const e of earnings.filter((e) => e.referrerId === userId && e.status === "CREDITED")) {
        const exists = await tx.balanceTransaction.findFirst({ where: { earningId: e.id, kind: "COMMISSION" }, select: { id: true } });
        if (!exists) {
          await postCommission(tx, {
            referrerId: userId,
            currency: "RUB",
            amount: e.amount,
            earningId: e.id,
            paymentId: e.paymentId,
            note: "Комиссия 10% с оплаты реферала",
            createdAt: plus(e.createdAt, MINUTE),
          });
        }
      }

      if (referrer === "anna") {
        // 100 ₽ requested to the card: reserved from the balance, 13% NDFL withheld, paid out.
        const externalPayoutId = "demo-tbank-payout-000001";
        const existing = await tx.withdrawal.findUnique({ where: { externalPayoutId } });
        if (!existing) {
          const amount = new Decimal("100.00");
          const ndfl = ndflFor("RUB", amount);
          const requestedAt = clock.ago(3 * DAY);
          const w = await tx.withdrawal.create({
            data: {
              userId,
              currency: "RUB",
              amount,
              ndflAmount: ndfl,
              payoutAmount: amount.minus(ndfl),
              method: "CARD",
              details: { cardMask: card.maskedNumber, bank: "Т-Банк", tbankCardId: card.tbankCardId },
              recipientName: "Анна Смирнова",
              userCardId: card.id,
              status: "PAID",
              externalPayoutId,
              processedById: admins.admin,
              processedAt: plus(requestedAt, 3 * HOUR),
              paidAt: plus(requestedAt, 4 * HOUR),
              createdAt: requestedAt,
            },
          });
          await tx.withdrawalLog.createMany({
            data: [
              { withdrawalId: w.id, fromStatus: null, toStatus: "PENDING", note: "Заявка создана пользователем", createdAt: requestedAt },
              {
                withdrawalId: w.id,
                fromStatus: "PENDING",
                toStatus: "APPROVED",
                adminId: admins.admin,
                note: "Проверено: реферальные оплаты подтверждены",
                createdAt: plus(requestedAt, 2 * HOUR),
              },
              {
                withdrawalId: w.id,
                fromStatus: "APPROVED",
                toStatus: "PROCESSING",
                adminId: admins.admin,
                note: "Выплата отправлена в Т-Банк",
                createdAt: plus(requestedAt, 3 * HOUR),
              },
              {
                withdrawalId: w.id,
                fromStatus: "PROCESSING",
                toStatus: "PAID",
                adminId: admins.admin,
                metadata: { externalPayoutId, payoutAmount: amount.minus(ndfl).toFixed(2), ndflAmount: ndfl.toFixed(2) },
                createdAt: plus(requestedAt, 4 * HOUR),
              },
            ],
          });
          await reserveForWithdrawal(tx, w, { note: "Резерв под вывод на карту", createdAt: requestedAt });
          await recordPayout(tx, w);
        }
      }
    });
  }

  // Anna applies to the partner program (up to 50% commission once approved).
  const anna = u("anna");
  const application = await db.partnerApplication.findFirst({ where: { userId: anna.id }, select: { id: true } });
  if (!application) {
    await db.partnerApplication.create({
      data: {
        userId: anna.id,
        contactName: "Анна Смирнова",
        contactEmail: "anna.smirnova.ph@gmail.com",
        telegramUsername: anna.username,
        audienceSize: "MEDIUM",
        promotionChannels: ["telegram", "instagram"],
        message: "Веду канал о фотографии (~12 тыс. подписчиков), хочу рекомендовать PinGlass подписчикам.",
        createdAt: clock.ago(DAY),
      },
    });
  }

  const withdrawal = await db.withdrawal.findUniqueOrThrow({ where: { externalPayoutId: "demo-tbank-payout-000001" } });
  return { withdrawalId: withdrawal.id };
}

// ---------------------------------------------------------------------------------------
// Support: SLA per priority, an operator, canned replies, tickets with conversations
// ---------------------------------------------------------------------------------------

const SLA: Record<TicketPriority, { first: number; resolution: number; escalate: number | null; description: string }> = {
  P1: { first: 15, resolution: 240, escalate: 30, description: "Критично: оплата прошла, а генерация не началась; сервис недоступен" },
  P2: { first: 60, resolution: 480, escalate: 120, description: "Высокий: генерация зависла, ошибка оплаты" },
  P3: { first: 240, resolution: 1440, escalate: null, description: "Обычный: вопросы по заказу, возвраты" },
  P4: { first: 1440, resolution: 4320, escalate: null, description: "Низкий: вопросы и пожелания" },
};

interface DemoTicket {
  number: string;
  user: UserKey;
  subject: string;
  category: TicketCategory;
  priority: TicketPriority;
  status: TicketStatus;
  source: "TELEGRAM" | "WEB";
  openedAgo: number;
  assigned: boolean;
  tags: string[];
  messages: Array<{ from: "USER" | "OPERATOR" | "SYSTEM"; after: number; body: string; internal?: boolean }>;
  extra?: Partial<Prisma.SupportTicketUncheckedCreateInput>;
}

async function seedSupport(db: PrismaClient, clock: Clock, users: Users, admins: AdminIds) {
  await db.supportSlaConfig.createMany({
    data: (Object.keys(SLA) as TicketPriority[]).map((priority) => ({
      priority,
      firstResponseMinutes: SLA[priority].first,
      resolutionMinutes: SLA[priority].resolution,
      escalateAfterMinutes: SLA[priority].escalate,
      description: SLA[priority].description,
    })),
    skipDuplicates: true,
  });

  await db.supportOperator.createMany({
    data: [
      {
        adminId: admins.operator,
        displayName: "Ольга",
        telegramChatId: 5099000001n,
        categories: ["GENERAL", "PAYMENT", "TECHNICAL"],
        maxActiveTickets: 15,
      },
    ],
    skipDuplicates: true,
  });

  await db.supportCannedResponse.createMany({
    data: [
      {
        title: "Возврат оформлен",
        shortcut: "/refund",
        category: "PAYMENT",
        createdById: admins.operator,
        usageCount: 3,
        body: "Мы оформили возврат. Деньги вернутся на карту в течение 3–5 рабочих дней (зависит от банка).",
      },
      {
        title: "Генерация идёт дольше обычного",
        shortcut: "/gen_delay",
        category: "TECHNICAL",
        createdById: admins.operator,
        usageCount: 5,
        body: "Сейчас высокая нагрузка у провайдера генерации, фото появятся в течение часа. Мы пришлём уведомление в Telegram, как только всё будет готово.",
      },
      {
        title: "Как выбрать фото для аватара",
        shortcut: "/photo_tips",
        category: "GENERAL",
        createdById: admins.operator,
        usageCount: 8,
        body: "Загрузите 5–10 фото, где хорошо видно лицо: разные ракурсы и освещение, без очков и масок, без других людей в кадре.",
      },
      {
        title: "Спасибо за обращение",
        shortcut: "/thanks",
        createdById: admins.operator,
        usageCount: 12,
        body: "Спасибо, что написали! Если появятся вопросы — отвечайте в этот чат.",
      },
    ],
    skipDuplicates: true,
  });

  const tickets: DemoTicket[] = [
    {
      number: "TKT-2026-001",
      user: "dmitry",
      subject: "Оплатил, но фото не пришли",
      category: "PAYMENT",
      priority: "P1",
      status: "RESOLVED",
      source: "TELEGRAM",
      openedAgo: 6 * DAY - 2 * HOUR,
      assigned: true,
      tags: ["refund", "kie-outage"],
      messages: [
        {
          from: "USER",
          after: 0,
          body: "Оплатил пакет «Старт», прошло два часа — пришло только 2 фото из 7. Верните деньги или догенерируйте, пожалуйста.",
        },
        { from: "SYSTEM", after: 5_000, body: "Обращение TKT-2026-001 создано. Приоритет P1: ответим в течение 15 минут." },
        {
          from: "OPERATOR",
          after: 11 * MINUTE,
          body: "Дмитрий, здравствуйте! Вижу сбой у провайдера генерации на вашем заказе. Оформляю полный возврат 499 ₽.",
        },
        {
          from: "OPERATOR",
          after: 12 * MINUTE,
          internal: true,
          body: "Kie.ai отдавал 503 с 14:10 до 16:30, задачи исчерпали 3 попытки. Возврат через T-Bank, алерт kie.poller уже открыт.",
        },
        { from: "SYSTEM", after: 3 * HOUR + 2 * MINUTE, body: "Возврат 499,00 ₽ выполнен." },
        { from: "USER", after: 4 * HOUR, body: "Деньги пришли, спасибо за быструю помощь!" },
      ],
      extra: { rating: 5, ratingComment: "Быстро разобрались" },
    },
    {
      number: "TKT-2026-002",
      user: "boris",
      subject: "Генерация идёт уже 40 минут",
      category: "TECHNICAL",
      priority: "P2",
      status: "ESCALATED",
      source: "TELEGRAM",
      openedAgo: 35 * MINUTE,
      assigned: true,
      tags: ["generation"],
      messages: [
        { from: "USER", after: 0, body: "Заказал «Премиум», готово 10 фото из 23 и дальше не двигается. Это нормально?" },
        { from: "SYSTEM", after: 5_000, body: "Обращение TKT-2026-002 создано. Приоритет P2: ответим в течение часа." },
        {
          from: "OPERATOR",
          after: 20 * MINUTE,
          body: "Борис, добрый день! Генерация продолжается, у провайдера очередь. Передала инженерам, чтобы ускорить.",
        },
        {
          from: "OPERATOR",
          after: 21 * MINUTE,
          internal: true,
          body: "Задачи 10–16 висят в SUBMITTED/PROCESSING, поллер отвечает. Эскалировала дежурному разработчику.",
        },
      ],
      extra: { escalationLevel: 1, escalationReason: "Задачи генерации не двигаются дольше 20 минут" },
    },
    {
      number: "TKT-2026-003",
      user: "mia",
      subject: "Refund for a Stars payment",
      category: "PAYMENT",
      priority: "P3",
      status: "WAITING_USER",
      source: "TELEGRAM",
      openedAgo: DAY,
      assigned: true,
      tags: ["refund", "stars"],
      messages: [
        { from: "USER", after: 0, body: "Hi! I paid with Stars by mistake, I wanted to pay with TON. Can I get my Stars back?" },
        { from: "SYSTEM", after: 5_000, body: "Ticket TKT-2026-003 created. Priority P3: we reply within 4 hours." },
        {
          from: "OPERATOR",
          after: 50 * MINUTE,
          body: "Hi Mia! Sure — the refund is started. Could you confirm you have not started a generation with this payment?",
        },
      ],
    },
    {
      number: "TKT-2026-004",
      user: "elena",
      subject: "Как привязать Telegram к аккаунту?",
      category: "ACCOUNT",
      priority: "P4",
      status: "OPEN",
      source: "WEB",
      openedAgo: 2 * HOUR,
      assigned: false,
      tags: ["account-linking"],
      messages: [
        { from: "USER", after: 0, body: "I signed up with email on the website. How do I get my photos in Telegram too?" },
        { from: "SYSTEM", after: 5_000, body: "Ticket TKT-2026-004 created. Priority P4: we reply within 24 hours." },
      ],
    },
  ];

  // A ticket and its conversation are created together; the ticket number is the key.
  for (const t of tickets) {
    const user = must(users.byKey, t.user, "user");
    const openedAt = clock.ago(t.openedAgo);
    const sla = SLA[t.priority];
    const firstReply = t.messages.find((m) => m.from === "OPERATOR" && !m.internal);
    const resolved = t.status === "RESOLVED" || t.status === "CLOSED";
    const lastAt = plus(openedAt, Math.max(...t.messages.map((m) => m.after)));
    await db.$transaction(async (tx) => {
      if (await tx.supportTicket.findUnique({ where: { number: t.number }, select: { id: true } })) return;
      await tx.supportTicket.create({
        data: {
          number: t.number,
          userId: user.id,
          telegramChatId: user.chatId,
          telegramUsername: user.username,
          userName: user.name,
          subject: t.subject,
          category: t.category,
          priority: t.priority,
          status: t.status,
          source: t.source,
          firstResponseDueAt: plus(openedAt, sla.first * MINUTE),
          resolutionDueAt: plus(openedAt, sla.resolution * MINUTE),
          firstResponseAt: firstReply ? plus(openedAt, firstReply.after) : null,
          resolvedAt: resolved ? lastAt : null,
          assignedToId: t.assigned ? admins.operator : null,
          assignedAt: t.assigned ? plus(openedAt, 2 * MINUTE) : null,
          escalatedAt: t.status === "ESCALATED" ? plus(openedAt, 21 * MINUTE) : null,
          tags: t.tags,
          createdAt: openedAt,
          ...t.extra,
          messages: {
            create: t.messages.map((m) => ({
              senderType: m.from,
              senderUserId: m.from === "USER" ? user.id : null,
              senderAdminId: m.from === "OPERATOR" ? admins.operator : null,
              senderName: m.from === "USER" ? user.name : m.from === "OPERATOR" ? "Ольга" : "PinGlass",
              body: m.body,
              isInternal: m.internal ?? false,
              createdAt: plus(openedAt, m.after),
            })),
          },
        },
      });
    });
  }

  await db.supportFaqAnalytics.createMany({
    data: [
      {
        faqKey: "how_many_photos",
        viewCount: 342,
        helpfulCount: 120,
        notHelpfulCount: 9,
        ticketCreatedCount: 2,
        lastViewedAt: clock.ago(40 * MINUTE),
      },
      {
        faqKey: "refund_policy",
        viewCount: 97,
        helpfulCount: 41,
        notHelpfulCount: 12,
        ticketCreatedCount: 6,
        lastViewedAt: clock.ago(3 * HOUR),
      },
      {
        faqKey: "photo_requirements",
        viewCount: 518,
        helpfulCount: 230,
        notHelpfulCount: 15,
        ticketCreatedCount: 1,
        lastViewedAt: clock.ago(10 * MINUTE),
      },
    ],
    skipDuplicates: true,
  });

  // Fyodor is halfway through opening a ticket in the bot.
  const fedor = must(users.byKey, "fedor", "user");
  if (fedor.chatId !== null) {
    await db.supportTicketDraft.createMany({
      data: [
        {
          telegramChatId: fedor.chatId,
          userId: fedor.id,
          step: "awaiting_body",
          category: "PAYMENT",
          subject: "Не проходит оплата картой",
          expiresAt: clock.in(50 * MINUTE),
        },
      ],
      skipDuplicates: true,
    });
  }
}

// ---------------------------------------------------------------------------------------
// Admin activity: settings, audit log, deduplicated system logs and alerts, notifications
// ---------------------------------------------------------------------------------------

async function seedAdminActivity(db: PrismaClient, clock: Clock, users: Users, payments: Payments, referrals: Referrals, admins: AdminIds) {
  await db.adminSetting.createMany({
    data: [
      {
        key: "referral.min_withdrawal_rub",
        value: "100.00",
        description: "Минимальная сумма вывода реферального баланса, ₽",
        updatedById: admins.admin,
      },
      { key: "referral.ndfl_rate", value: "0.13", description: "НДФЛ, удерживаемый при выводе", updatedById: admins.admin },
      {
        key: "generation.max_parallel_tasks",
        value: 4,
        description: "Сколько задач одной генерации отправлять в Kie.ai одновременно",
        updatedById: admins.admin,
      },
    ],
    skipDuplicates: true,
  });

  // audit_logs has no natural key: an entry is identified by (action, target).
  const refunded = must(payments.byKey, "p05", "payment");
  const grigory = must(users.byKey, "grigory", "user");
  const entries = [
    {
      adminId: admins.admin,
      action: "user.ban",
      targetType: "user",
      targetId: grigory.id,
      before: { isBanned: false },
      after: { isBanned: true, banReason: "Попытки оплаты чужими картами, два chargeback" },
      createdAt: clock.ago(11 * DAY),
    },
    {
      adminId: admins.admin,
      action: "payment.refund",
      targetType: "payment",
      targetId: refunded.id,
      before: { status: "SUCCEEDED", refundAmount: "0.00" },
      after: { status: "REFUNDED", refundAmount: "499.00" },
      metadata: { ticket: "TKT-2026-001", reason: "provider outage" },
      createdAt: plus(refunded.createdAt, 5 * HOUR - MINUTE),
    },
    {
      adminId: admins.admin,
      action: "withdrawal.mark_paid",
      targetType: "withdrawal",
      targetId: referrals.withdrawalId,
      before: { status: "PROCESSING" },
      after: { status: "PAID" },
      metadata: { externalPayoutId: "demo-tbank-payout-000001" },
      createdAt: clock.ago(3 * DAY - 4 * HOUR),
    },
  ];
  for (const e of entries) {
    const exists = await db.auditLog.findFirst({
      where: { action: e.action, targetType: e.targetType, targetId: e.targetId },
      select: { id: true },
    });
    if (!exists)
      await db.auditLog.create({
        data: { ...e, ip: "10.0.0.12", userAgent: "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) PinGlass-Admin" },
      });
  }

  // One row per problem (fingerprint); repeats bumped count and last_seen_at.
  const kieMessage = "Kie.ai returned 503 Service Unavailable";
  await db.systemLog.createMany({
    data: [
      {
        fingerprint: fingerprint("kie.poller", kieMessage),
        level: "ERROR",
        source: "kie.poller",
        message: kieMessage,
        context: { endpoint: "/api/v1/jobs/recordInfo", status: 503 },
        count: 37,
        firstSeenAt: plus(refunded.createdAt, 10 * MINUTE),
        lastSeenAt: plus(refunded.createdAt, 2 * HOUR),
      },
      {
        fingerprint: fingerprint("tbank.webhook", "Token mismatch: notification signature is invalid"),
        level: "WARN",
        source: "tbank.webhook",
        message: "Token mismatch: notification signature is invalid",
        context: { terminalKey: "PinGlassDEMO" },
        count: 1,
        firstSeenAt: clock.ago(3 * DAY),
        lastSeenAt: clock.ago(3 * DAY),
      },
      {
        fingerprint: fingerprint("telegram.sender", "Forbidden: bot was blocked by the user"),
        level: "INFO",
        source: "telegram.sender",
        message: "Forbidden: bot was blocked by the user",
        count: 4,
        firstSeenAt: clock.ago(10 * DAY),
        lastSeenAt: clock.ago(DAY),
      },
    ],
    skipDuplicates: true,
  });
  await db.adminAlert.createMany({
    data: [
      {
        fingerprint: fingerprint("generation", "Generation jobs failing: image provider unavailable"),
        severity: "CRITICAL",
        source: "generation",
        title: "Генерации падают: Kie.ai недоступен",
        message: "3 генерации завершились ошибкой за 30 минут: Kie.ai returned 503 Service Unavailable",
        context: { failedJobs: 3, windowMinutes: 30 },
        count: 3,
        firstSeenAt: plus(refunded.createdAt, 30 * MINUTE),
        lastSeenAt: plus(refunded.createdAt, 2 * HOUR),
        notifiedAt: plus(refunded.createdAt, 30 * MINUTE),
        acknowledgedAt: plus(refunded.createdAt, 40 * MINUTE),
        acknowledgedById: admins.operator,
        resolvedAt: plus(refunded.createdAt, 3 * HOUR),
      },
      {
        fingerprint: fingerprint("payments.ton", "Orphan TON transfer received"),
        severity: "WARNING",
        source: "payments.ton",
        title: "TON-перевод без счёта",
        message: "Пришёл перевод 1.5 TON с комментарием, который не совпал ни с одним счётом",
        context: { amountTon: "1.5" },
        count: 1,
        firstSeenAt: clock.ago(3 * DAY + 5 * HOUR),
        lastSeenAt: clock.ago(3 * DAY + 5 * HOUR),
        notifiedAt: clock.ago(3 * DAY + 5 * HOUR),
      },
    ],
    skipDuplicates: true,
  });

  const notifications = [
    {
      adminId: null,
      type: "new_ticket",
      title: "Новое обращение TKT-2026-004",
      message: "Elena Volkova: «Как привязать Telegram к аккаунту?» (P4)",
      data: { ticketNumber: "TKT-2026-004" },
      createdAt: clock.ago(2 * HOUR),
    },
    {
      adminId: null,
      type: "partner_application",
      title: "Заявка в партнёрскую программу",
      message: "Анна Смирнова (@anna_smirnova_ph), аудитория ~12 тыс.",
      data: { user: "anna" },
      createdAt: clock.ago(DAY),
    },
    {
      adminId: admins.admin,
      type: "withdrawal_request",
      title: "Заявка на вывод 100 ₽",
      message: "Анна Смирнова, карта 220070******4417",
      data: { withdrawalId: referrals.withdrawalId },
      readAt: clock.ago(3 * DAY - 2 * HOUR),
      createdAt: clock.ago(3 * DAY),
    },
  ];
  for (const n of notifications) {
    const exists = await db.adminNotification.findFirst({ where: { type: n.type, title: n.title }, select: { id: true } });
    if (!exists) await db.adminNotification.create({ data: n });
  }
}

// ---------------------------------------------------------------------------------------
// Telegram: outbound messages (the outbox the worker sends) and a broadcast draft
// ---------------------------------------------------------------------------------------

async function seedTelegram(db: PrismaClient, clock: Clock, users: Users, admins: AdminIds) {
  const u = (k: UserKey) => must(users.byKey, k, "user");
  const messages = [
    {
      user: u("anna"),
      kind: "generation_ready",
      text: "Ваши 7 портретов готовы! Откройте галерею, чтобы скачать их.",
      payload: { reply_markup: { inline_keyboard: [[{ text: "Открыть галерею", web_app: { url: "https://app.pinglass.dev/gallery" } }]] } },
      status: "SENT" as const,
      attempts: 1,
      sentAt: clock.ago(9 * DAY - 20 * MINUTE),
      telegramMessageId: 1842n,
    },
    {
      user: u("katya"),
      kind: "payment_succeeded",
      text: "Оплата 999 ₽ прошла. Запускаем генерацию — это займёт около 15 минут.",
      status: "SENT" as const,
      attempts: 1,
      sentAt: clock.ago(MINUTE),
      telegramMessageId: 977n,
    },
    {
      user: u("boris"),
      kind: "ticket_reply",
      text: "Поддержка: Генерация продолжается, у провайдера очередь. Передала инженерам, чтобы ускорить.",
      status: "SENT" as const,
      attempts: 1,
      sentAt: clock.ago(15 * MINUTE),
      telegramMessageId: 2210n,
    },
    {
      user: u("fedor"),
      kind: "payment_reminder",
      text: "Вы выбрали тариф «Стандарт», но оплата не завершена. Вернуться к оплате?",
      status: "PENDING" as const,
      attempts: 0,
      sendAfter: clock.in(40 * MINUTE),
    },
    {
      user: u("grigory"),
      kind: "account_banned",
      text: "Ваш аккаунт заблокирован. Если это ошибка, напишите в поддержку.",
      status: "FAILED" as const,
      attempts: 3,
      errorMessage: "Forbidden: bot was blocked by the user",
    },
  ];
  for (const m of messages) {
    if (m.user.chatId === null) continue;
    // telegram_messages has no natural key: one demo message per (chat, kind).
    const exists = await db.telegramMessage.findFirst({ where: { telegramChatId: m.user.chatId, kind: m.kind }, select: { id: true } });
    if (exists) continue;
    const { user, ...data } = m;
    await db.telegramMessage.create({ data: { ...data, telegramChatId: m.user.chatId, userId: user.id } });
  }

  const title = "Новогодние образы уже в PinGlass";
  if (!(await db.telegramBroadcast.findFirst({ where: { title }, select: { id: true } }))) {
    await db.telegramBroadcast.create({
      data: {
        adminId: admins.admin,
        title,
        text: "❄️ Новый набор «Новогодние огни»: праздничные портреты за 15 минут. Только до 10 января — скидка 15% по коду NEWYEAR15.",
        mediaUrl: `${CDN}/broadcasts/new-year.jpg`,
        buttons: [[{ text: "Создать портреты", url: "https://t.me/PinGlassBot?start=newyear" }]],
        audience: { segment: "paid", excludeBanned: true },
        status: "DRAFT",
      },
    });
  }
}

// ---------------------------------------------------------------------------------------
// Summary
// ---------------------------------------------------------------------------------------

const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? "" : "s"}`;

async function summarise(db: PrismaClient, signIns: SeedSummary["admins"]): Promise<SeedSummary> {
  const [users, avatars, photos, jobs, payments, earnings, withdrawals, tickets] = await Promise.all([
    db.user.count(),
    db.avatar.count(),
    db.generatedPhoto.count(),
    db.generationJob.count(),
    db.payment.count(),
    db.referralEarning.count(),
    db.withdrawal.count(),
    db.supportTicket.count(),
  ]);
  const missing = DEV_ADMINS.filter((a) => !signIns.some((s) => s.username === a.username)).map((a) => a.username);
  const lines = [
    `demo data ready: ${[
      count(users, "user"),
      count(avatars, "avatar"),
      count(photos, "generated photo"),
      count(jobs, "generation job"),
      count(payments, "payment"),
      count(earnings, "referral earning"),
      count(withdrawals, "withdrawal"),
      count(tickets, "support ticket"),
    ].join(", ")}`,
    `dev admin sign-ins (development only): ${signIns.map((a) => `${a.username} / ${a.password} (${a.role})`).join(", ") || "none"}`,
  ];
  if (missing.length) lines.push(`(password changed since seeding, left as is: ${missing.join(", ")})`);
  return { text: lines.join("\n"), admins: signIns };
}

// `prisma db seed` (prisma.config.ts) and `tsx prisma/seed.ts` run this file directly.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.error("DATABASE_URL is not set (use `pnpm db:seed` to seed the embedded development database)");
    process.exit(1);
  }
  const prisma = createPrisma(url);
  seedDemoData(prisma)
    .then((summary) => console.log(summary.text))
    .catch((error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = 1;
    })
    .finally(() => prisma.$disconnect());
}
