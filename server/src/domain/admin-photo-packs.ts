// Admin photo pack rules: packs and their items. Packs are retired (isActive = false),
// never deleted; items are. Every function runs inside the admin change's audited
// transaction and returns the row's before and after for the audit log.
import type { Prisma } from "../generated/prisma/client.ts";
import { changesOf, trimmedOrNull } from "./admin-catalogue.ts";
import { ConflictError, NotFoundError, ValidationError } from "./errors.ts";

type Tx = Prisma.TransactionClient;

// ─── Photo packs ─────────────────────────────────────────────────────────────────

export interface PhotoPackChanges {
  name?: string;
  description?: string | null;
  coverUrl?: string | null;
  isActive?: boolean;
  sortOrder?: number;
}

const packColumns = {
  id: true,
  name: true,
  description: true,
  coverUrl: true,
  isActive: true,
  sortOrder: true,
} as const satisfies Prisma.PhotoPackSelect;

function packData(input: PhotoPackChanges) {
  return changesOf({
    ...input,
    name: input.name?.trim(),
    description: trimmedOrNull(input.description),
    coverUrl: trimmedOrNull(input.coverUrl),
  });
}

export async function createPhotoPack(tx: Tx, adminId: number, input: PhotoPackChanges & { name: string }) {
  const after = await tx.photoPack.create({
    data: { ...packData(input), name: input.name.trim(), createdById: adminId },
    select: packColumns,
  });
  return { before: null, after };
}

export async function updatePhotoPack(tx: Tx, id: number, changes: PhotoPackChanges) {
  const before = await tx.photoPack.findUnique({ where: { id }, select: packColumns });
  if (!before) throw new NotFoundError("PhotoPack");
  const after = await tx.photoPack.update({ where: { id }, data: packData(changes), select: packColumns });
  return { before, after };
}

// ─── Pack items ──────────────────────────────────────────────────────────────────
// Positions are the prompt indexes of a pack generation: unique per pack and dense
// (0…n-1). Every change takes the pack's row lock first, so concurrent edits of one pack
// serialise, then rewrites the order in two statements (see writeOrder).

interface ItemRow {
  id: number;
  promptId: number;
  position: number;
}

const itemColumns = { id: true, packId: true, promptId: true, position: true, previewUrl: true } as const satisfies Prisma.PackItemSelect;

/** Locks the pack and returns its items in order. */
async function lockPack(tx: Tx, packId: number): Promise<ItemRow[]> {
  const pack = await tx.$queryRaw<Array<{ id: number }>>`SELECT id FROM photo_packs WHERE id = ${packId} FOR UPDATE`;
  if (pack.length === 0) throw new NotFoundError("PhotoPack");
  return tx.packItem.findMany({
    where: { packId },
    orderBy: [{ position: "asc" }, { id: "asc" }],
    select: { id: true, promptId: true, position: true },
  });
}

/**
 * Gives the items `order[i]` position i. (pack_id, position) is unique and checked row by
 * row, and positions may not be negative, so the items first move above every position in
 * use, then to their places: two statements whatever the size of the pack.
 */
async function writeOrder(tx: Tx, packId: number, current: ItemRow[], order: number[]) {
  const position = new Map(current.map((item) => [item.id, item.position]));
  if (order.every((id, index) => position.get(id) === index)) return;
  const offset = Math.max(0, ...current.map((item) => item.position)) + current.length + 1;
  await tx.packItem.updateMany({ where: { packId }, data: { position: { increment: offset } } });
  await tx.$executeRaw`
    UPDATE pack_items AS item SET position = placed.position
    FROM unnest(${order}::int[], ${order.map((_, index) => index)}::int[]) AS placed(id, position)
    WHERE item.id = placed.id AND item.pack_id = ${packId}`;
}

async function checkPrompt(tx: Tx, promptId: number, items: ItemRow[], exceptItemId: number | null) {
  const prompt = await tx.savedPrompt.findUnique({ where: { id: promptId }, select: { isActive: true } });
  if (!prompt) throw new NotFoundError("SavedPrompt");
  if (!prompt.isActive) throw new ConflictError("This prompt is inactive; activate it before adding it to a pack");
  if (items.some((item) => item.promptId === promptId && item.id !== exceptItemId)) {
    throw new ConflictError("This prompt is already in the pack");
  }
}

function checkPosition(position: number, last: number) {
  if (position > last) throw ValidationError.of("input.position", `must be at most ${last} (the pack's last position)`);
}

/** Where an item goes when it moves from its place to `position`. */
function moved(order: number[], id: number, position: number): number[] {
  const rest = order.filter((other) => other !== id);
  rest.splice(position, 0, id);
  return rest;
}

export interface PackItemInput {
  packId: number;
  promptId: number;
  /** Where it goes (0 = first); the end when omitted. Items from there on move down one. */
  position?: number | null;
  previewUrl?: string | null;
}

export async function addPackItem(tx: Tx, input: PackItemInput) {
  const items = await lockPack(tx, input.packId);
  await checkPrompt(tx, input.promptId, items, null);
  const position = input.position ?? items.length;
  checkPosition(position, items.length);
  // Inserted after every position in use, then moved to its place.
  const created = await tx.packItem.create({
    data: {
      packId: input.packId,
      promptId: input.promptId,
      position: Math.max(-1, ...items.map((item) => item.position)) + 1,
      previewUrl: trimmedOrNull(input.previewUrl),
    },
    select: { id: true, promptId: true, position: true },
  });
  const all = [...items, created];
  await writeOrder(
    tx,
    input.packId,
    all,
    moved(
      all.map((item) => item.id),
      created.id,
      position,
    ),
  );
  const after = await tx.packItem.findUniqueOrThrow({ where: { id: created.id }, select: itemColumns });
  return { before: null, after };
}

export interface PackItemChanges {
  promptId?: number;
  position?: number;
  previewUrl?: string | null;
}

async function itemOf(tx: Tx, id: number) {
  const item = await tx.packItem.findUnique({ where: { id }, select: itemColumns });
  if (!item) throw new NotFoundError("PackItem");
  return item;
}

export async function updatePackItem(tx: Tx, id: number, changes: PackItemChanges) {
  const { packId } = await itemOf(tx, id);
  const items = await lockPack(tx, packId);
  // Read again under the pack's lock: a concurrent edit may have moved it.
  const before = await itemOf(tx, id);
  if (changes.promptId !== undefined) await checkPrompt(tx, changes.promptId, items, id);
  if (changes.position !== undefined) {
    checkPosition(changes.position, items.length - 1);
    await writeOrder(
      tx,
      packId,
      items,
      moved(
        items.map((item) => item.id),
        id,
        changes.position,
      ),
    );
  }
  const data = changesOf({ promptId: changes.promptId, previewUrl: trimmedOrNull(changes.previewUrl) });
  const after = Object.keys(data).length ? await tx.packItem.update({ where: { id }, data, select: itemColumns }) : await itemOf(tx, id);
  return { before, after };
}

export async function removePackItem(tx: Tx, id: number) {
  const { packId } = await itemOf(tx, id);
  const items = await lockPack(tx, packId);
  const before = await itemOf(tx, id);
  await tx.packItem.delete({ where: { id } });
  const rest = items.filter((item) => item.id !== id);
  await writeOrder(
    tx,
    packId,
    rest,
    rest.map((item) => item.id),
  );
  return { before, after: null, packId };
}

/** Puts the pack's items in the given order; `itemIds` must name each item exactly once. */
export async function reorderPackItems(tx: Tx, packId: number, itemIds: number[]) {
  const items = await lockPack(tx, packId);
  const known = new Set(items.map((item) => item.id));
  if (itemIds.length !== items.length || new Set(itemIds).size !== itemIds.length || itemIds.some((id) => !known.has(id))) {
    throw ValidationError.of("input.itemIds", `must list each of the pack's ${items.length} items exactly once`);
  }
  await writeOrder(tx, packId, items, itemIds);
  return { before: { itemIds: items.map((item) => item.id) }, after: { itemIds } };
}
