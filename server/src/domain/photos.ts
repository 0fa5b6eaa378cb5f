// Photos: avatars, their reference uploads, generated photos, favorites and shared
// galleries. Plain functions over Prisma; the schema only translates (schema/photos.ts).
import { randomBytes, randomUUID } from "node:crypto";
import type { Prisma, PrismaClient } from "../db/prisma.ts";
import type { Storage } from "./storage.ts";
import { ConflictError, NotFoundError, ValidationError, type FieldError } from "./errors.ts";

type Tx = Prisma.TransactionClient;

export const AVATAR_NAME_MAX_LENGTH = 100;
// 5 × UPLOAD_MAX_BYTES (10 MB) must fit in MAX_REQUEST_BYTES (60 MB).
export const MAX_FILES_PER_UPLOAD = 5;
export const GALLERY_HOURS = { min: 1, max: 720, default: 168 } as const;

// ─── Avatars ──────────────────────────────────────────────────────────────────────

function avatarName(raw: string): string {
  const name = raw.trim();
  if (name.length < 1 || name.length > AVATAR_NAME_MAX_LENGTH) {
    throw ValidationError.of("input.name", `must be 1–${AVATAR_NAME_MAX_LENGTH} characters`);
  }
  return name;
}

/**
 * Creates an avatar and answers its id. With an idempotency key, a retry (even a
 * concurrent one) answers the first avatar: the unique (user, key) index decides, through
 * INSERT … ON CONFLICT DO NOTHING, so no request fails on the race. The same key with
 * another name is a different request: ConflictError.
 */
export async function createAvatar(
  prisma: PrismaClient,
  userId: number,
  input: { name: string; idempotencyKey?: string | null },
): Promise<number> {
  const name = avatarName(input.name);
  const idempotencyKey = input.idempotencyKey ?? null;
  if (!idempotencyKey) {
    return (await prisma.avatar.create({ data: { userId, name }, select: { id: true } })).id;
  }
  await prisma.avatar.createMany({ data: [{ userId, name, idempotencyKey }], skipDuplicates: true });
  const avatar = await prisma.avatar.findUnique({
    where: { userId_idempotencyKey: { userId, idempotencyKey } },
    select: { id: true, name: true },
  });
  // Deleted between the insert and the read: the request is gone with it.
  if (!avatar) throw new ConflictError("The avatar created with this idempotency key was deleted");
  if (avatar.name !== name) {
    throw new ConflictError("This idempotency key was already used to create an avatar with another name");
  }
  return avatar.id;
}

export async function renameAvatar(prisma: PrismaClient, userId: number, avatarId: number, rawName: string): Promise<void> {
  const name = avatarName(rawName);
  const { count } = await prisma.avatar.updateMany({ where: { id: avatarId, userId }, data: { name } });
  if (count === 0) throw new NotFoundError("Avatar");
}

/**
 * Locks the viewer's avatar row for the rest of the transaction, so uploads, deletions
 * and a starting generation see one another in order. Null when it is not theirs.
 */
async function lockAvatar(tx: Tx, userId: number, avatarId: number) {
  const rows = await tx.$queryRaw<{ status: string }[]>`
    SELECT status::text AS status FROM avatars WHERE id = ${avatarId} AND user_id = ${userId} FOR UPDATE`;
  return rows[0] ?? null;
}

function refuseWhileProcessing(avatar: { status: string }, what: string) {
  if (avatar.status === "PROCESSING") {
    throw new ConflictError(`The avatar is being generated; ${what} when the generation has finished`);
  }
}

/** Deletes an avatar with everything hanging off it, then its stored reference files. */
export async function deleteAvatar(prisma: PrismaClient, storage: Storage, userId: number, avatarId: number): Promise<void> {
  const storageKeys = await prisma.$transaction(async (tx) => {
    const avatar = await lockAvatar(tx, userId, avatarId);
    if (!avatar) throw new NotFoundError("Avatar");
    refuseWhileProcessing(avatar, "delete it");
    const photos = await tx.referencePhoto.findMany({ where: { avatarId }, select: { storageKey: true } });
    await tx.avatar.delete({ where: { id: avatarId }, select: { id: true } });
    return photos.map((p) => p.storageKey).filter((key): key is string => key !== null);
  });
  await deleteStoredFiles(storage, storageKeys);
}

/**
 * Best effort: the rows are already gone, so a file that cannot be deleted now is an
 * orphan for a storage sweep, not a reason to fail the request.
 */
async function deleteStoredFiles(storage: Storage, keys: string[]): Promise<void> {
  await Promise.allSettled(keys.map((key) => storage.delete(key)));
}

// ─── Reference photos ─────────────────────────────────────────────────────────────

export interface ImageType {
  mimeType: "image/jpeg" | "image/png" | "image/webp" | "image/heic";
  extension: "jpg" | "png" | "webp" | "heic";
}

const ascii = (bytes: Uint8Array, from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));
const HEIC_BRANDS = new Set(["heic", "heix", "hevc", "hevx", "heim", "heis", "mif1", "msf1"]);

/** The image type the bytes really are (magic numbers), whatever the client called them. */
export function detectImageType(bytes: Uint8Array): ImageType | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) {
    return { mimeType: "image/jpeg", extension: "jpg" };
  }
  const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length >= 8 && PNG.every((byte, i) => bytes[i] === byte)) {
    return { mimeType: "image/png", extension: "png" };
  }
  if (bytes.length >= 12 && ascii(bytes, 0, 4) === "RIFF" && ascii(bytes, 8, 12) === "WEBP") {
    return { mimeType: "image/webp", extension: "webp" };
  }
  // ISO-BMFF: a leading `ftyp` box whose major or a compatible brand is HEIF/HEVC.
  if (bytes.length >= 16 && ascii(bytes, 4, 8) === "ftyp") {
    const boxSize = Math.min(new DataView(bytes.buffer, bytes.byteOffset).getUint32(0), bytes.length);
    const brands = [ascii(bytes, 8, 12)];
    for (let at = 16; at + 4 <= boxSize; at += 4) brands.push(ascii(bytes, at, at + 4));
    if (brands.some((brand) => HEIC_BRANDS.has(brand))) return { mimeType: "image/heic", extension: "heic" };
  }
  return null;
}

export interface UploadLimits {
  /** Largest file, in bytes. */
  maxBytes: number;
  /** Reference photos an avatar may hold, existing ones included. */
  perAvatar: number;
}

interface CheckedUpload {
  bytes: Uint8Array;
  type: ImageType;
  originalFilename: string | null;
}

/** Reads and checks every file; one ValidationError naming each bad file's index. */
async function checkUploads(files: File[], limits: UploadLimits): Promise<CheckedUpload[]> {
  if (files.length < 1 || files.length > MAX_FILES_PER_UPLOAD) {
    throw ValidationError.of("input.files", `send 1 to ${MAX_FILES_PER_UPLOAD} files`);
  }
  const problems: FieldError[] = [];
  const checked: CheckedUpload[] = [];
  for (const [index, file] of files.entries()) {
    const field = `input.files.${index}`;
    if (file.size > limits.maxBytes) {
      problems.push({ field, message: `is larger than ${limits.maxBytes} bytes` });
      continue;
    }
    const bytes = new Uint8Array(await file.arrayBuffer());
    const type = detectImageType(bytes);
    if (!type) {
      problems.push({ field, message: "is not a JPEG, PNG, WEBP or HEIC image" });
      continue;
    }
    const originalFilename = file.name ? file.name.slice(0, 255) : null;
    checked.push({ bytes, type, originalFilename });
  }
  if (problems.length) throw new ValidationError(problems);
  return checked;
}

function refuseOverLimit(existing: number, adding: number, perAvatar: number) {
  if (existing + adding > perAvatar) {
    throw ValidationError.of(
      "input.files",
      `an avatar holds at most ${perAvatar} reference photos; it has ${existing}, so at most ${Math.max(perAvatar - existing, 0)} more`,
    );
  }
}

/**
 * Stores reference photos for the viewer's avatar and answers the new rows' ids. All or
 * nothing: an invalid file, a full or busy avatar, or a failed database write leaves no
 * row and no stored file behind.
 */
export async function uploadReferencePhotos(
  prisma: PrismaClient,
  storage: Storage,
  limits: UploadLimits,
  userId: number,
  avatarId: number,
  files: File[],
): Promise<number[]> {
  const uploads = await checkUploads(files, limits);

  // Refuse what can be refused before storing anything; the transaction checks again under a lock.
  const avatar = await prisma.avatar.findFirst({
    where: { id: avatarId, userId },
    select: { status: true, _count: { select: { referencePhotos: true } } },
  });
  if (!avatar) throw new NotFoundError("Avatar");
  refuseWhileProcessing(avatar, "add photos");
  refuseOverLimit(avatar._count.referencePhotos, uploads.length, limits.perAvatar);

  const stored = uploads.map((upload) => ({
    ...upload,
    key: `reference-photos/${avatarId}/${randomUUID()}.${upload.type.extension}`,
  }));
  const puts = await Promise.allSettled(stored.map((file) => storage.put(file.key, file.bytes, file.type.mimeType)));
  const failedPut = puts.find((put) => put.status === "rejected");
  if (failedPut) {
    await deleteStoredFiles(
      storage,
      stored.map((file) => file.key),
    );
    throw failedPut.reason;
  }

  try {
    return await prisma.$transaction(async (tx) => {
      const locked = await lockAvatar(tx, userId, avatarId);
      if (!locked) throw new NotFoundError("Avatar");
      refuseWhileProcessing(locked, "add photos");
      refuseOverLimit(await tx.referencePhoto.count({ where: { avatarId } }), stored.length, limits.perAvatar);
      const rows = await tx.referencePhoto.createManyAndReturn({
        data: stored.map((file) => ({
          avatarId,
          imageUrl: storage.publicUrl(file.key),
          storageKey: file.key,
          originalFilename: file.originalFilename,
          mimeType: file.type.mimeType,
          sizeBytes: file.bytes.byteLength,
        })),
        select: { id: true },
      });
      return rows.map((row) => row.id);
    });
  } catch (error) {
    await deleteStoredFiles(
      storage,
      stored.map((file) => file.key),
    );
    throw error;
  }
}

/** Deletes one reference photo of the viewer's and its stored file; answers its avatar's id. */
export async function deleteReferencePhoto(prisma: PrismaClient, storage: Storage, userId: number, photoId: number): Promise<number> {
  const photo = await prisma.$transaction(async (tx) => {
    const found = await tx.referencePhoto.findFirst({
      where: { id: photoId, avatar: { userId } },
      select: { avatarId: true, storageKey: true },
    });
    if (!found) throw new NotFoundError("ReferencePhoto");
    const avatar = await lockAvatar(tx, userId, found.avatarId);
    if (!avatar) throw new NotFoundError("ReferencePhoto");
    refuseWhileProcessing(avatar, "remove photos");
    const { count } = await tx.referencePhoto.deleteMany({ where: { id: photoId } });
    if (count === 0) throw new NotFoundError("ReferencePhoto");
    return found;
  });
  if (photo.storageKey) await deleteStoredFiles(storage, [photo.storageKey]);
  return photo.avatarId;
}

// ─── Generated photos and favorites ───────────────────────────────────────────────

async function assertOwnGeneratedPhoto(prisma: PrismaClient, userId: number, photoId: number) {
  const photo = await prisma.generatedPhoto.findFirst({ where: { id: photoId, avatar: { userId } }, select: { id: true } });
  if (!photo) throw new NotFoundError("GeneratedPhoto");
}

const isForeignKeyViolation = (error: unknown) => (error as { code?: string }).code === "P2003";

/** Favorites one of the viewer's photos; favoriting it again changes nothing. */
export async function favoritePhoto(prisma: PrismaClient, userId: number, photoId: number): Promise<void> {
  await assertOwnGeneratedPhoto(prisma, userId, photoId);
  try {
    await prisma.photoFavorite.createMany({ data: [{ userId, photoId }], skipDuplicates: true });
  } catch (error) {
    // The photo was deleted between the check and the insert.
    if (isForeignKeyViolation(error)) throw new NotFoundError("GeneratedPhoto");
    throw error;
  }
}

/** Removes the viewer's favorite mark; unfavoriting a photo that is not a favorite changes nothing. */
export async function unfavoritePhoto(prisma: PrismaClient, userId: number, photoId: number): Promise<void> {
  await assertOwnGeneratedPhoto(prisma, userId, photoId);
  await prisma.photoFavorite.deleteMany({ where: { userId, photoId } });
}

export async function deleteGeneratedPhoto(prisma: PrismaClient, userId: number, photoId: number): Promise<void> {
  const { count } = await prisma.generatedPhoto.deleteMany({ where: { id: photoId, avatar: { userId } } });
  if (count === 0) throw new NotFoundError("GeneratedPhoto");
}

// ─── Shared galleries ─────────────────────────────────────────────────────────────

/** 192 random bits, URL-safe: the token is the only key to a public gallery. */
export function newGalleryToken(): string {
  return randomBytes(24).toString("base64url");
}

export async function createSharedGallery(
  prisma: PrismaClient,
  userId: number,
  avatarId: number,
  expiresInHours: number = GALLERY_HOURS.default,
  now = new Date(),
): Promise<number> {
  if (!Number.isInteger(expiresInHours) || expiresInHours < GALLERY_HOURS.min || expiresInHours > GALLERY_HOURS.max) {
    throw ValidationError.of("input.expiresInHours", `must be a whole number of hours from ${GALLERY_HOURS.min} to ${GALLERY_HOURS.max}`);
  }
  const avatar = await prisma.avatar.findFirst({ where: { id: avatarId, userId }, select: { id: true } });
  if (!avatar) throw new NotFoundError("Avatar");
  const gallery = await prisma.sharedGallery.create({
    data: { userId, avatarId, token: newGalleryToken(), expiresAt: new Date(now.getTime() + expiresInHours * 3_600_000) },
    select: { id: true },
  });
  return gallery.id;
}

/** Revokes the viewer's gallery link; revoking it again keeps the first revocation time. */
export async function revokeSharedGallery(prisma: PrismaClient, userId: number, galleryId: number): Promise<void> {
  const { count } = await prisma.sharedGallery.updateMany({
    where: { id: galleryId, userId, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  if (count > 0) return;
  const gallery = await prisma.sharedGallery.findFirst({ where: { id: galleryId, userId }, select: { id: true } });
  if (!gallery) throw new NotFoundError("SharedGallery");
}

/** The gallery behind a public link, if the link still works (unique token, not revoked, not expired). */
export function viewableGallery(token: string, now = new Date()) {
  return {
    token,
    revokedAt: null,
    OR: [{ expiresAt: null }, { expiresAt: { gt: now } }],
  } satisfies Prisma.SharedGalleryWhereUniqueInput;
}

/** Tokens we issue are 32 characters; anything else cannot be one and needs no query. */
export function isPlausibleGalleryToken(token: string): boolean {
  return /^[A-Za-z0-9_-]{16,64}$/.test(token);
}
