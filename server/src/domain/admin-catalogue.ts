// Admin catalogue rules: pricing tiers, styles and the prompt library (photo packs and
// their items are in admin-photo-packs.ts). Rows are retired (isActive = false), never
// deleted. Every function runs inside the admin change's audited transaction and returns
// the row's before and after for the audit log.
import type { Prisma } from "../generated/prisma/client.ts";
import { ConflictError, NotFoundError, isUniqueViolation } from "./errors.ts";

type Tx = Prisma.TransactionClient;

/** Runs a write; a unique violation (a code or key in use) becomes a ConflictError. */
async function unique<T>(write: () => Promise<T>, message: string): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isUniqueViolation(error)) throw new ConflictError(message);
    throw error;
  }
}

/** Only the keys the caller set: undefined leaves a column as it is, null clears it. */
export function changesOf<T extends object>(input: T): Partial<T> {
  return Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined)) as Partial<T>;
}

export const trimmedOrNull = (value: string | null | undefined) => (value == null ? value : value.trim() || null);

// ─── Pricing tiers ───────────────────────────────────────────────────────────────

export interface PricingTierChanges {
  name?: string;
  price?: string;
  photoCount?: number;
  isPopular?: boolean;
  isActive?: boolean;
  sortOrder?: number;
}

const tierColumns = {
  id: true,
  code: true,
  name: true,
  price: true,
  photoCount: true,
  isPopular: true,
  isActive: true,
  sortOrder: true,
} as const satisfies Prisma.PricingTierSelect;

export async function createPricingTier(
  tx: Tx,
  input: PricingTierChanges & { code: string; name: string; price: string; photoCount: number },
) {
  const code = input.code.trim();
  const after = await unique(
    () =>
      tx.pricingTier.create({
        data: { ...changesOf(input), code, name: input.name.trim(), price: input.price, photoCount: input.photoCount },
        select: tierColumns,
      }),
    `A pricing tier with the code ${code} already exists`,
  );
  return { before: null, after };
}

export async function updatePricingTier(tx: Tx, id: number, changes: PricingTierChanges) {
  const before = await tx.pricingTier.findUnique({ where: { id }, select: tierColumns });
  if (!before) throw new NotFoundError("PricingTier");
  const data = changesOf({ ...changes, name: changes.name?.trim() });
  const after = await tx.pricingTier.update({ where: { id }, data, select: tierColumns });
  return { before, after };
}

// ─── Styles ──────────────────────────────────────────────────────────────────────

export interface StyleChanges {
  name?: string;
  description?: string | null;
  isActive?: boolean;
  sortOrder?: number;
}

const styleColumns = {
  id: true,
  code: true,
  name: true,
  description: true,
  isActive: true,
  sortOrder: true,
} as const satisfies Prisma.StyleSelect;

export async function createStyle(tx: Tx, input: StyleChanges & { code: string; name: string }) {
  const code = input.code.trim();
  const after = await unique(
    () =>
      tx.style.create({
        data: { ...changesOf(input), code, name: input.name.trim(), description: trimmedOrNull(input.description) },
        select: styleColumns,
      }),
    `A style with the code ${code} already exists`,
  );
  return { before: null, after };
}

export async function updateStyle(tx: Tx, id: number, changes: StyleChanges) {
  const before = await tx.style.findUnique({ where: { id }, select: styleColumns });
  if (!before) throw new NotFoundError("Style");
  const data = changesOf({ ...changes, name: changes.name?.trim(), description: trimmedOrNull(changes.description) });
  const after = await tx.style.update({ where: { id }, data, select: styleColumns });
  return { before, after };
}

// ─── Saved prompts ───────────────────────────────────────────────────────────────

export interface SavedPromptChanges {
  key?: string | null;
  title?: string;
  prompt?: string;
  negativePrompt?: string | null;
  styleId?: number | null;
  previewUrl?: string | null;
  tags?: string[];
  isActive?: boolean;
  isFavorite?: boolean;
  sortOrder?: number;
}

const promptColumns = {
  id: true,
  key: true,
  title: true,
  prompt: true,
  negativePrompt: true,
  styleId: true,
  previewUrl: true,
  tags: true,
  isActive: true,
  isFavorite: true,
  sortOrder: true,
} as const satisfies Prisma.SavedPromptSelect;

function promptData(input: SavedPromptChanges) {
  return changesOf({
    ...input,
    key: trimmedOrNull(input.key),
    title: input.title?.trim(),
    prompt: input.prompt?.trim(),
    negativePrompt: trimmedOrNull(input.negativePrompt),
    previewUrl: trimmedOrNull(input.previewUrl),
    // Tags are labels: trimmed, lower-case, each once.
    tags: input.tags ? [...new Set(input.tags.map((tag) => tag.trim().toLowerCase()))] : undefined,
  });
}

async function checkStyle(tx: Tx, styleId: number | null | undefined) {
  if (styleId == null) return;
  const style = await tx.style.findUnique({ where: { id: styleId }, select: { id: true } });
  if (!style) throw new NotFoundError("Style");
}

export async function createSavedPrompt(tx: Tx, adminId: number, input: SavedPromptChanges & { title: string; prompt: string }) {
  await checkStyle(tx, input.styleId);
  const data = promptData(input);
  const after = await unique(
    () =>
      tx.savedPrompt.create({ data: { ...data, title: data.title!, prompt: data.prompt!, createdById: adminId }, select: promptColumns }),
    `A prompt with the key ${data.key} already exists`,
  );
  return { before: null, after };
}

export async function updateSavedPrompt(tx: Tx, id: number, changes: SavedPromptChanges) {
  const before = await tx.savedPrompt.findUnique({ where: { id }, select: promptColumns });
  if (!before) throw new NotFoundError("SavedPrompt");
  await checkStyle(tx, changes.styleId);
  const data = promptData(changes);
  const after = await unique(
    () => tx.savedPrompt.update({ where: { id }, data, select: promptColumns }),
    `A prompt with the key ${data.key} already exists`,
  );
  return { before, after };
}

/** Retires a prompt: packs stop showing its items, styles stop generating with it. */
export async function deactivateSavedPrompt(tx: Tx, id: number) {
  const before = await tx.savedPrompt.findUnique({ where: { id }, select: promptColumns });
  if (!before) throw new NotFoundError("SavedPrompt");
  const { count } = await tx.savedPrompt.updateMany({ where: { id, isActive: true }, data: { isActive: false } });
  if (count === 0) throw new ConflictError("This prompt is already inactive");
  return { before, after: { ...before, isActive: false } };
}
