// Avatars, reference uploads (real multipart requests), generated photos, favorites and
// shared galleries: what the owner, another user and an anonymous visitor may do.
import type { ResultOf } from "@graphql-typed-document-node/core";
import { print, type ExecutionResult } from "graphql";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { deflateSync } from "node:zlib";
import { beforeAll, describe, expect, it } from "vitest";
import { GRAPHQL_PATH } from "../src/app.ts";
import { detectImageType, uploadReferencePhotos } from "../src/domain/photos.ts";
import type { Storage } from "../src/storage/storage.ts";
import { createTestApi, type TestApi, type TestUser } from "./support/harness.ts";
import { graphql } from "./gql/index.ts";

// ─── Operations ───────────────────────────────────────────────────────────────────

const CreateAvatar = graphql(`
  mutation Photos_CreateAvatar($input: CreateAvatarInput!) {
    createAvatar(input: $input) {
      __typename
      ... on Avatar { id name status referencePhotoCount generatedPhotoCount latestJob { id } }
      ... on Error { code message }
      ... on ValidationError { fieldErrors { field message } }
    }
  }
`);

const RenameAvatar = graphql(`
  mutation Photos_RenameAvatar($input: RenameAvatarInput!) {
    renameAvatar(input: $input) {
      __typename
      ... on Avatar { id name }
      ... on Error { code }
      ... on ValidationError { fieldErrors { field } }
    }
  }
`);

const DeleteAvatar = graphql(`
  mutation Photos_DeleteAvatar($input: DeleteAvatarInput!) {
    deleteAvatar(input: $input) {
      __typename
      ... on DeleteAvatarPayload { deletedAvatarId }
      ... on Error { code }
    }
  }
`);

const MyAvatars = graphql(`
  query Photos_MyAvatars {
    viewer {
      avatars(first: 10) {
        totalCount
        edges { node { id name status referencePhotoCount generatedPhotoCount } }
      }
    }
  }
`);

const NodeQuery = graphql(`
  query Photos_Node($id: ID!) {
    node(id: $id) {
      id
      ... on Avatar { name }
      ... on ReferencePhoto { imageUrl mimeType }
      ... on GeneratedPhoto { imageUrl prompt isFavorite }
      ... on SharedGallery { token }
    }
  }
`);

const UploadReferencePhotos = graphql(`
  mutation Photos_Upload($input: UploadReferencePhotosInput!) {
    uploadReferencePhotos(input: $input) {
      __typename
      ... on UploadReferencePhotosPayload {
        avatar { referencePhotoCount }
        photos { id imageUrl originalFilename mimeType sizeBytes }
      }
      ... on Error { code message }
      ... on ValidationError { fieldErrors { field message } }
    }
  }
`);

const DeleteReferencePhoto = graphql(`
  mutation Photos_DeleteReferencePhoto($input: DeleteReferencePhotoInput!) {
    deleteReferencePhoto(input: $input) {
      __typename
      ... on DeleteReferencePhotoPayload { deletedPhotoId avatar { referencePhotoCount } }
      ... on Error { code }
    }
  }
`);

const AvatarPhotos = graphql(`
  query Photos_AvatarPhotos($id: ID!, $styleId: ID) {
    node(id: $id) {
      ... on Avatar {
        referencePhotos(first: 20) { totalCount edges { node { id imageUrl } } }
        generatedPhotos(first: 20, styleId: $styleId) {
          totalCount
          edges { node { id imageUrl prompt isFavorite style { code } } }
        }
      }
    }
  }
`);

const FavoritePhoto = graphql(`
  mutation Photos_Favorite($input: FavoritePhotoInput!) {
    favoritePhoto(input: $input) {
      __typename
      ... on GeneratedPhoto { id isFavorite }
      ... on Error { code }
    }
  }
`);

const UnfavoritePhoto = graphql(`
  mutation Photos_Unfavorite($input: UnfavoritePhotoInput!) {
    unfavoritePhoto(input: $input) {
      __typename
      ... on GeneratedPhoto { id isFavorite }
      ... on Error { code }
    }
  }
`);

const FavoritePhotos = graphql(`
  query Photos_FavoritePhotos($first: Int = 10, $after: String) {
    viewer {
      favoritePhotos(first: $first, after: $after) {
        pageInfo { hasNextPage endCursor }
        edges { favoritedAt node { id isFavorite } }
      }
    }
  }
`);

const DeleteGeneratedPhoto = graphql(`
  mutation Photos_DeleteGeneratedPhoto($input: DeleteGeneratedPhotoInput!) {
    deleteGeneratedPhoto(input: $input) {
      __typename
      ... on DeleteGeneratedPhotoPayload { deletedPhotoId }
      ... on Error { code }
    }
  }
`);

const CreateSharedGallery = graphql(`
  mutation Photos_CreateSharedGallery($input: CreateSharedGalleryInput!) {
    createSharedGallery(input: $input) {
      __typename
      ... on SharedGallery { id token url expiresAt revokedAt viewCount avatar { name } }
      ... on Error { code }
      ... on ValidationError { fieldErrors { field } }
    }
  }
`);

const RevokeSharedGallery = graphql(`
  mutation Photos_RevokeSharedGallery($input: RevokeSharedGalleryInput!) {
    revokeSharedGallery(input: $input) {
      __typename
      ... on SharedGallery { id revokedAt }
      ... on Error { code }
    }
  }
`);

const PublicGalleryQuery = graphql(`
  query Photos_PublicGallery($token: String!) {
    sharedGallery(token: $token) {
      __typename
      avatarName
      expiresAt
      photos(first: 10) { edges { cursor node { imageUrl thumbnailUrl createdAt } } }
    }
  }
`);

// ─── Helpers ──────────────────────────────────────────────────────────────────────

const MAX_BYTES = 2_000;
const PER_AVATAR = 4;

let api: TestApi;
let anna: TestUser;
let boris: TestUser;
let styleA: number;
let styleB: number;

beforeAll(async () => {
  api = await createTestApi({ UPLOAD_MAX_BYTES: String(MAX_BYTES), REFERENCE_PHOTOS_PER_AVATAR: String(PER_AVATAR) });
  anna = await api.signIn({ name: "Anna Owner" });
  boris = await api.signIn({ name: "Boris Other" });
  styleA = (await api.prisma.style.create({ data: { code: "style-a", name: "Style A" } })).id;
  styleB = (await api.prisma.style.create({ data: { code: "style-b", name: "Style B" } })).id;
});

const globalId = (type: string, id: number) => Buffer.from(`${type}:${id}`).toString("base64");
const databaseId = (id: string) => Number(Buffer.from(id, "base64").toString().split(":")[1]);

async function avatarOf(user: TestUser, name = "Avatar", status: "DRAFT" | "PROCESSING" | "READY" = "DRAFT") {
  const avatar = await api.prisma.avatar.create({ data: { userId: user.id, name, status } });
  return { ...avatar, gid: globalId("Avatar", avatar.id) };
}

async function generatedPhotosOf(avatarId: number, styles: (number | null)[]) {
  const rows = [];
  for (const [i, styleId] of styles.entries()) {
    rows.push(
      await api.prisma.generatedPhoto.create({
        data: {
          avatarId,
          styleId,
          prompt: `prompt ${i}`,
          imageUrl: `http://files.test/g/${avatarId}/${i}.jpg`,
          createdAt: new Date(Date.now() - (styles.length - i) * 1000),
        },
      }),
    );
  }
  return rows;
}

function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

function pngChunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, "ascii");
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])));
  return Buffer.concat([head, data, crc]);
}

/** A valid 1×1 RGB PNG; `padding` adds a text chunk to make it bigger. */
function tinyPng(padding = 0): Uint8Array {
  const ihdr = Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0]);
  const chunks = [
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk("IHDR", ihdr),
    ...(padding ? [pngChunk("tEXt", Buffer.concat([Buffer.from("Comment\0"), Buffer.alloc(padding, 0x61)]))] : []),
    pngChunk("IDAT", deflateSync(Buffer.from([0, 0x33, 0x66, 0x99]))),
    pngChunk("IEND", Buffer.alloc(0)),
  ];
  return new Uint8Array(Buffer.concat(chunks));
}

/** A valid 1×1 grayscale baseline JPEG: one DC and one AC code of length 1, a flat block. */
function tinyJpeg(): Uint8Array {
  return new Uint8Array([
    0xff,
    0xd8, // SOI
    0xff,
    0xdb,
    0x00,
    0x43,
    0x00,
    ...new Array<number>(64).fill(1), // DQT
    0xff,
    0xc0,
    0x00,
    0x0b,
    0x08,
    0x00,
    0x01,
    0x00,
    0x01,
    0x01,
    0x01,
    0x11,
    0x00, // SOF0 1×1, 1 component
    0xff,
    0xc4,
    0x00,
    0x14,
    0x00,
    0x01,
    ...new Array<number>(15).fill(0),
    0x00, // DHT DC: "0" → category 0
    0xff,
    0xc4,
    0x00,
    0x14,
    0x10,
    0x01,
    ...new Array<number>(15).fill(0),
    0x00, // DHT AC: "0" → EOB
    0xff,
    0xda,
    0x00,
    0x08,
    0x01,
    0x01,
    0x00,
    0x00,
    0x3f,
    0x00, // SOS
    0x3f, // DC "0", EOB "0", padded with ones
    0xff,
    0xd9, // EOI
  ]);
}

interface UploadFile {
  name: string;
  type: string;
  bytes: Uint8Array;
}

type UploadResult = ExecutionResult<ResultOf<typeof UploadReferencePhotos>> & { status: number };

/** A real GraphQL multipart request: operations + map + one form field per file. */
async function upload(user: TestUser | null, avatarId: string, files: UploadFile[], { csrfHeader = true } = {}): Promise<UploadResult> {
  const form = new FormData();
  const variables = { input: { avatarId, files: files.map(() => null) } };
  form.append("operations", JSON.stringify({ query: print(UploadReferencePhotos), variables }));
  form.append("map", JSON.stringify(Object.fromEntries(files.map((_, i) => [String(i), [`variables.input.files.${i}`]]))));
  files.forEach((file, i) => form.append(String(i), new File([Buffer.from(file.bytes)], file.name, { type: file.type })));
  const response = await api.app.fetch(`http://localhost${GRAPHQL_PATH}`, {
    method: "POST",
    headers: { ...user?.headers, ...(csrfHeader ? { "x-graphql-yoga-csrf": "1" } : {}) },
    body: form,
  });
  return { status: response.status, ...((await response.json()) as ExecutionResult<ResultOf<typeof UploadReferencePhotos>>) };
}

/** Files stored for an avatar (relative to its reference-photos folder). */
async function storedFiles(avatarId: number): Promise<string[]> {
  try {
    return (await readdir(path.join(api.storageDir, "reference-photos", String(avatarId)))).sort();
  } catch {
    return [];
  }
}

const png = (name = "me.png"): UploadFile => ({ name, type: "image/png", bytes: tinyPng() });
const jpeg = (name = "me.jpg"): UploadFile => ({ name, type: "image/jpeg", bytes: tinyJpeg() });

// ─── Avatars ──────────────────────────────────────────────────────────────────────

describe("createAvatar", () => {
  it("creates a DRAFT avatar with the trimmed name for the signed-in user", async () => {
    const result = await api.execute(CreateAvatar, { input: { name: "  Summer look  " } }, { headers: anna.headers });
    expect(result.errors).toBeUndefined();
    const avatar = result.data!.createAvatar;
    expect(avatar).toMatchObject({
      __typename: "Avatar",
      name: "Summer look",
      status: "DRAFT",
      referencePhotoCount: 0,
      generatedPhotoCount: 0,
      latestJob: null,
    });
    const row = await api.prisma.avatar.findUniqueOrThrow({ where: { id: databaseId((avatar as { id: string }).id) } });
    expect(row).toMatchObject({ userId: anna.id, name: "Summer look", idempotencyKey: null });
  });

  it("refuses an empty or a 101-character name with a ValidationError and creates nothing", async () => {
    const before = await api.prisma.avatar.count();
    for (const name of ["   ", "x".repeat(101)]) {
      const result = await api.execute(CreateAvatar, { input: { name } }, { headers: anna.headers });
      expect(result.data?.createAvatar).toMatchObject({
        __typename: "ValidationError",
        code: "VALIDATION_FAILED",
        fieldErrors: [{ field: "input.name" }],
      });
    }
    expect(await api.prisma.avatar.count()).toBe(before);
  });

  it("refuses an anonymous visitor with UNAUTHENTICATED and creates nothing", async () => {
    const before = await api.prisma.avatar.count();
    const result = await api.execute(CreateAvatar, { input: { name: "Ghost" } });
    expect(result.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    expect(await api.prisma.avatar.count()).toBe(before);
  });

  it("answers the same avatar for a repeated idempotency key, and ConflictError when the name differs", async () => {
    const input = { name: "Retry me", idempotencyKey: "key-retry-1" };
    const first = await api.execute(CreateAvatar, { input }, { headers: anna.headers });
    const second = await api.execute(CreateAvatar, { input }, { headers: anna.headers });
    const firstId = (first.data!.createAvatar as { id: string }).id;
    expect(second.data!.createAvatar).toMatchObject({ __typename: "Avatar", id: firstId });

    const conflict = await api.execute(CreateAvatar, { input: { ...input, name: "Another" } }, { headers: anna.headers });
    expect(conflict.data!.createAvatar).toMatchObject({ __typename: "ConflictError", code: "CONFLICT" });
    const rows = await api.prisma.avatar.findMany({ where: { userId: anna.id, idempotencyKey: "key-retry-1" } });
    expect(rows.map((r) => r.name)).toEqual(["Retry me"]);

    // The key is per user: Boris gets his own avatar.
    const boris1 = await api.execute(CreateAvatar, { input }, { headers: boris.headers });
    expect(boris1.data!.createAvatar).toMatchObject({ __typename: "Avatar", name: "Retry me" });
    expect((boris1.data!.createAvatar as { id: string }).id).not.toBe(firstId);
  });

  it("creates exactly one avatar under 10 concurrent calls with one idempotency key", async () => {
    const input = { name: "Concurrent", idempotencyKey: "key-concurrent" };
    const results = await Promise.all(Array.from({ length: 10 }, () => api.execute(CreateAvatar, { input }, { headers: anna.headers })));
    const ids = new Set(results.map((r) => (r.data?.createAvatar as { id?: string } | undefined)?.id));
    expect(results.every((r) => r.data?.createAvatar.__typename === "Avatar")).toBe(true);
    expect(ids.size).toBe(1);
    expect(await api.prisma.avatar.count({ where: { userId: anna.id, idempotencyKey: "key-concurrent" } })).toBe(1);
  });
});

describe("reading avatars", () => {
  it("lists only the viewer's avatars, newest first, with a total count", async () => {
    const carol = await api.signIn({ name: "Carol" });
    const older = await api.prisma.avatar.create({
      data: { userId: carol.id, name: "Older", createdAt: new Date("2026-01-01T00:00:00Z") },
    });
    const newer = await api.prisma.avatar.create({
      data: { userId: carol.id, name: "Newer", createdAt: new Date("2026-02-01T00:00:00Z") },
    });
    await avatarOf(boris, "Not Carol's");
    const result = await api.execute(MyAvatars, {}, { headers: carol.headers });
    expect(result.data!.viewer!.avatars.totalCount).toBe(2);
    expect(result.data!.viewer!.avatars.edges.map((e) => e.node.id)).toEqual([globalId("Avatar", newer.id), globalId("Avatar", older.id)]);
  });

  it("answers node(id) for the owner only: null, without data, for another user and for an anonymous visitor", async () => {
    const avatar = await avatarOf(anna, "Secret Avatar Name");
    const owner = await api.execute(NodeQuery, { id: avatar.gid }, { headers: anna.headers });
    expect(owner.data!.node).toEqual({ id: avatar.gid, name: "Secret Avatar Name" });
    for (const headers of [boris.headers, undefined]) {
      const result = await api.execute(NodeQuery, { id: avatar.gid }, { headers });
      expect(result.errors).toBeUndefined();
      expect(result.data!.node).toBeNull();
      expect(JSON.stringify(result)).not.toContain("Secret Avatar Name");
    }
  });
});

describe("renameAvatar", () => {
  it("renames the owner's avatar and refuses another user's with NotFoundError, leaving it unchanged", async () => {
    const avatar = await avatarOf(anna, "Before");
    const refused = await api.execute(RenameAvatar, { input: { avatarId: avatar.gid, name: "Hijacked" } }, { headers: boris.headers });
    expect(refused.data!.renameAvatar).toMatchObject({ __typename: "NotFoundError", code: "NOT_FOUND" });
    expect((await api.prisma.avatar.findUniqueOrThrow({ where: { id: avatar.id } })).name).toBe("Before");

    const anonymous = await api.execute(RenameAvatar, { input: { avatarId: avatar.gid, name: "Anon" } });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");

    // The id of another type is refused before anything runs.
    const wrongType = await api.execute(
      RenameAvatar,
      { input: { avatarId: globalId("Style", styleA), name: "Typo" } },
      { headers: anna.headers },
    );
    expect(wrongType.errors?.[0]?.message).toMatch(/is not of type: Avatar/);

    const invalid = await api.execute(RenameAvatar, { input: { avatarId: avatar.gid, name: "" } }, { headers: anna.headers });
    expect(invalid.data!.renameAvatar).toMatchObject({ __typename: "ValidationError", fieldErrors: [{ field: "input.name" }] });

    const renamed = await api.execute(RenameAvatar, { input: { avatarId: avatar.gid, name: " After " } }, { headers: anna.headers });
    expect(renamed.data!.renameAvatar).toEqual({ __typename: "Avatar", id: avatar.gid, name: "After" });
    expect((await api.prisma.avatar.findUniqueOrThrow({ where: { id: avatar.id } })).name).toBe("After");
  });
});

describe("deleteAvatar", () => {
  it("refuses another user (NotFoundError) and a PROCESSING avatar (ConflictError), changing nothing", async () => {
    const avatar = await avatarOf(anna, "Keep me");
    const other = await api.execute(DeleteAvatar, { input: { avatarId: avatar.gid } }, { headers: boris.headers });
    expect(other.data!.deleteAvatar).toMatchObject({ __typename: "NotFoundError" });

    const busy = await avatarOf(anna, "Busy", "PROCESSING");
    const processing = await api.execute(DeleteAvatar, { input: { avatarId: busy.gid } }, { headers: anna.headers });
    expect(processing.data!.deleteAvatar).toMatchObject({ __typename: "ConflictError", code: "CONFLICT" });
    expect(await api.prisma.avatar.count({ where: { id: { in: [avatar.id, busy.id] } } })).toBe(2);
  });

  it("deletes the owner's avatar with its photos, and its stored files after the transaction", async () => {
    const avatar = await avatarOf(anna, "Doomed");
    const uploaded = await upload(anna, avatar.gid, [png(), jpeg()]);
    expect(uploaded.data!.uploadReferencePhotos.__typename).toBe("UploadReferencePhotosPayload");
    expect(await storedFiles(avatar.id)).toHaveLength(2);
    await generatedPhotosOf(avatar.id, [styleA]);

    const result = await api.execute(DeleteAvatar, { input: { avatarId: avatar.gid } }, { headers: anna.headers });
    expect(result.data!.deleteAvatar).toEqual({ __typename: "DeleteAvatarPayload", deletedAvatarId: avatar.gid });
    expect(await api.prisma.avatar.count({ where: { id: avatar.id } })).toBe(0);
    expect(await api.prisma.referencePhoto.count({ where: { avatarId: avatar.id } })).toBe(0);
    expect(await api.prisma.generatedPhoto.count({ where: { avatarId: avatar.id } })).toBe(0);
    expect(await storedFiles(avatar.id)).toEqual([]);
  });
});

// ─── Reference photos ─────────────────────────────────────────────────────────────

describe("uploadReferencePhotos (multipart)", () => {
  it("stores a valid PNG and JPEG under reference-photos/<avatar>/ and records them", async () => {
    const avatar = await avatarOf(anna, "Uploads");
    const result = await upload(anna, avatar.gid, [png("face.png"), jpeg("side.JPG")]);
    expect(result.status).toBe(200);
    expect(result.errors).toBeUndefined();
    const payload = result.data!.uploadReferencePhotos;
    if (payload.__typename !== "UploadReferencePhotosPayload") throw new Error(`expected a payload, got ${JSON.stringify(payload)}`);
    expect(payload.avatar).toEqual({ referencePhotoCount: 2 });
    expect(payload.photos.map((p) => [p.originalFilename, p.mimeType, p.sizeBytes])).toEqual([
      ["face.png", "image/png", tinyPng().length],
      ["side.JPG", "image/jpeg", tinyJpeg().length],
    ]);
    const files = await storedFiles(avatar.id);
    expect(files).toHaveLength(2);
    const rows = await api.prisma.referencePhoto.findMany({ where: { avatarId: avatar.id }, orderBy: { id: "asc" } });
    for (const [i, row] of rows.entries()) {
      expect(row.storageKey).toMatch(new RegExp(`^reference-photos/${avatar.id}/[0-9a-f-]{36}\\.(png|jpg)$`));
      expect(row.imageUrl).toBe(`http://files.test/files/${row.storageKey}`);
      expect(payload.photos[i]!.imageUrl).toBe(row.imageUrl);
      const bytes = await readFile(path.join(api.storageDir, row.storageKey!));
      expect(new Uint8Array(bytes)).toEqual(i === 0 ? tinyPng() : tinyJpeg());
    }
  });

  it("refuses a text file named .jpg (magic bytes decide), storing nothing, not even the valid file beside it", async () => {
    const avatar = await avatarOf(anna, "Liar");
    const text: UploadFile = { name: "photo.jpg", type: "image/jpeg", bytes: new TextEncoder().encode("just some text, not an image") };
    const result = await upload(anna, avatar.gid, [png(), text]);
    expect(result.data!.uploadReferencePhotos).toMatchObject({
      __typename: "ValidationError",
      fieldErrors: [{ field: "input.files.1", message: "is not a JPEG, PNG, WEBP or HEIC image" }],
    });
    expect(await api.prisma.referencePhoto.count({ where: { avatarId: avatar.id } })).toBe(0);
    expect(await storedFiles(avatar.id)).toEqual([]);
  });

  it("refuses a file over the size limit", async () => {
    const avatar = await avatarOf(anna, "Big");
    const big: UploadFile = { name: "big.png", type: "image/png", bytes: tinyPng(MAX_BYTES) };
    expect(big.bytes.length).toBeGreaterThan(MAX_BYTES);
    const result = await upload(anna, avatar.gid, [png(), png(), big]);
    expect(result.data!.uploadReferencePhotos).toMatchObject({
      __typename: "ValidationError",
      fieldErrors: [{ field: "input.files.2", message: `is larger than ${MAX_BYTES} bytes` }],
    });
    expect(await api.prisma.referencePhoto.count({ where: { avatarId: avatar.id } })).toBe(0);
    expect(await storedFiles(avatar.id)).toEqual([]);
  });

  it("refuses more than 5 files per call, and more than the per-avatar limit counting existing photos", async () => {
    const avatar = await avatarOf(anna, "Many");
    const six = await upload(
      anna,
      avatar.gid,
      Array.from({ length: 6 }, (_, i) => png(`${i}.png`)),
    );
    expect(six.data!.uploadReferencePhotos).toMatchObject({ __typename: "ValidationError", fieldErrors: [{ field: "input.files" }] });

    const three = await upload(anna, avatar.gid, [png(), png(), png()]);
    expect(three.data!.uploadReferencePhotos.__typename).toBe("UploadReferencePhotosPayload");
    const overLimit = await upload(anna, avatar.gid, [png(), png()]);
    expect(overLimit.data!.uploadReferencePhotos).toMatchObject({ __typename: "ValidationError", fieldErrors: [{ field: "input.files" }] });
    expect(await api.prisma.referencePhoto.count({ where: { avatarId: avatar.id } })).toBe(3);
    expect(await storedFiles(avatar.id)).toHaveLength(3);
  });

  it("refuses another user's avatar (NotFoundError), an anonymous visitor, and a PROCESSING avatar (ConflictError), storing nothing", async () => {
    const avatar = await avatarOf(anna, "Guarded");
    const other = await upload(boris, avatar.gid, [png()]);
    expect(other.data!.uploadReferencePhotos).toMatchObject({ __typename: "NotFoundError" });
    const anonymous = await upload(null, avatar.gid, [png()]);
    expect(anonymous.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    const busy = await avatarOf(anna, "Busy", "PROCESSING");
    const processing = await upload(anna, busy.gid, [png()]);
    expect(processing.data!.uploadReferencePhotos).toMatchObject({ __typename: "ConflictError" });
    expect(await api.prisma.referencePhoto.count({ where: { avatarId: { in: [avatar.id, busy.id] } } })).toBe(0);
    expect([...(await storedFiles(avatar.id)), ...(await storedFiles(busy.id))]).toEqual([]);
  });

  it("refuses a multipart request without the CSRF header, storing nothing", async () => {
    const avatar = await avatarOf(anna, "Cross-site");
    const result = await upload(anna, avatar.gid, [png()], { csrfHeader: false });
    expect(result.status).toBe(403);
    expect(result.data?.uploadReferencePhotos).toBeUndefined();
    expect(await api.prisma.referencePhoto.count({ where: { avatarId: avatar.id } })).toBe(0);
    expect(await storedFiles(avatar.id)).toEqual([]);
  });

  it("recognises WEBP and HEIC by their headers, whatever the name, and nothing else", () => {
    const bytes = (...parts: (string | number[])[]) =>
      new Uint8Array(parts.flatMap((p) => (typeof p === "string" ? [...Buffer.from(p, "latin1")] : p)));
    expect(detectImageType(bytes("RIFF", [0x24, 0, 0, 0], "WEBPVP8 "))).toEqual({ mimeType: "image/webp", extension: "webp" });
    expect(detectImageType(bytes([0, 0, 0, 0x18], "ftypheic", [0, 0, 0, 0], "mif1heic"))).toEqual({
      mimeType: "image/heic",
      extension: "heic",
    });
    expect(detectImageType(bytes([0, 0, 0, 0x18], "ftypmif1", [0, 0, 0, 0], "mif1heic"))?.mimeType).toBe("image/heic");
    // An MP4 is ISO-BMFF too, but not HEIF.
    expect(detectImageType(bytes([0, 0, 0, 0x18], "ftypisom", [0, 0, 0, 0], "isomavc1"))).toBeNull();
    expect(detectImageType(bytes("RIFF", [0x24, 0, 0, 0], "WAVEfmt "))).toBeNull();
    expect(detectImageType(bytes("GIF89a"))).toBeNull();
    expect(detectImageType(new Uint8Array())).toBeNull();
    expect(detectImageType(tinyPng())?.mimeType).toBe("image/png");
    expect(detectImageType(tinyJpeg())?.mimeType).toBe("image/jpeg");
  });

  it("deletes the stored files when the database write is refused after storing them", async () => {
    const avatar = await avatarOf(anna, "Racing");
    const stored = new Map<string, Uint8Array>();
    // A generation starts while the files upload: the transaction's re-check refuses.
    const storage: Storage = {
      put: async (key, body) => {
        stored.set(key, body);
        await api.prisma.avatar.update({ where: { id: avatar.id }, data: { status: "PROCESSING" } });
      },
      delete: async (key) => void stored.delete(key),
      publicUrl: (key) => `http://files.test/${key}`,
    };
    const file = new File([Buffer.from(tinyPng())], "a.png", { type: "image/png" });
    await expect(
      uploadReferencePhotos(api.prisma, storage, { maxBytes: MAX_BYTES, perAvatar: PER_AVATAR }, anna.id, avatar.id, [file]),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    expect(stored.size).toBe(0);
    expect(await api.prisma.referencePhoto.count({ where: { avatarId: avatar.id } })).toBe(0);
  });
});

describe("deleteReferencePhoto", () => {
  it("deletes the owner's photo and its file; refuses another user and a PROCESSING avatar", async () => {
    const avatar = await avatarOf(anna, "Trim");
    const uploaded = await upload(anna, avatar.gid, [png(), png()]);
    const payload = uploaded.data!.uploadReferencePhotos;
    if (payload.__typename !== "UploadReferencePhotosPayload") throw new Error("upload failed");
    const [first, second] = payload.photos;

    const owner = await api.execute(NodeQuery, { id: first!.id }, { headers: anna.headers });
    expect(owner.data!.node).toMatchObject({ id: first!.id, mimeType: "image/png" });
    const stranger = await api.execute(NodeQuery, { id: first!.id }, { headers: boris.headers });
    expect(stranger.data!.node).toBeNull();
    expect(stranger.errors).toBeUndefined();

    const other = await api.execute(DeleteReferencePhoto, { input: { photoId: first!.id } }, { headers: boris.headers });
    expect(other.data!.deleteReferencePhoto).toMatchObject({ __typename: "NotFoundError" });
    expect(await storedFiles(avatar.id)).toHaveLength(2);

    const deleted = await api.execute(DeleteReferencePhoto, { input: { photoId: first!.id } }, { headers: anna.headers });
    expect(deleted.data!.deleteReferencePhoto).toEqual({
      __typename: "DeleteReferencePhotoPayload",
      deletedPhotoId: first!.id,
      avatar: { referencePhotoCount: 1 },
    });
    expect(await storedFiles(avatar.id)).toHaveLength(1);

    await api.prisma.avatar.update({ where: { id: avatar.id }, data: { status: "PROCESSING" } });
    const busy = await api.execute(DeleteReferencePhoto, { input: { photoId: second!.id } }, { headers: anna.headers });
    expect(busy.data!.deleteReferencePhoto).toMatchObject({ __typename: "ConflictError" });
    expect(await api.prisma.referencePhoto.count({ where: { avatarId: avatar.id } })).toBe(1);
    expect(await storedFiles(avatar.id)).toHaveLength(1);
  });
});

// ─── Generated photos and favorites ───────────────────────────────────────────────

describe("generated photos", () => {
  it("filters an avatar's photos by style (global id) with a matching total count, newest first", async () => {
    const avatar = await avatarOf(anna, "Styled");
    const photos = await generatedPhotosOf(avatar.id, [styleA, styleB, styleA, null]);
    const all = await api.execute(AvatarPhotos, { id: avatar.gid }, { headers: anna.headers });
    const allPhotos = (
      all.data!.node as { generatedPhotos: { totalCount: number; edges: { node: { id: string; style: { code: string } | null } }[] } }
    ).generatedPhotos;
    expect(allPhotos.totalCount).toBe(4);
    expect(allPhotos.edges.map((e) => e.node.id)).toEqual([...photos].reverse().map((p) => globalId("GeneratedPhoto", p.id)));
    expect(allPhotos.edges.map((e) => e.node.style?.code ?? null)).toEqual([null, "style-a", "style-b", "style-a"]);

    const onlyA = await api.execute(AvatarPhotos, { id: avatar.gid, styleId: globalId("Style", styleA) }, { headers: anna.headers });
    const aPhotos = (onlyA.data!.node as { generatedPhotos: { totalCount: number; edges: { node: { id: string } }[] } }).generatedPhotos;
    expect(aPhotos.totalCount).toBe(2);
    expect(aPhotos.edges.map((e) => e.node.id)).toEqual([photos[2]!, photos[0]!].map((p) => globalId("GeneratedPhoto", p.id)));
  });

  it("answers node(id) of a photo to its owner only", async () => {
    const avatar = await avatarOf(anna, "Photo owner");
    const [photo] = await generatedPhotosOf(avatar.id, [styleA]);
    const id = globalId("GeneratedPhoto", photo!.id);
    const owner = await api.execute(NodeQuery, { id }, { headers: anna.headers });
    expect(owner.data!.node).toEqual({ id, imageUrl: photo!.imageUrl, prompt: "prompt 0", isFavorite: false });
    for (const headers of [boris.headers, undefined]) {
      const result = await api.execute(NodeQuery, { id }, { headers });
      expect(result.data!.node).toBeNull();
      expect(result.errors).toBeUndefined();
      expect(JSON.stringify(result)).not.toContain(photo!.imageUrl);
    }
  });

  it("favorites idempotently, lists favorites, unfavorites; another user can do neither", async () => {
    const dora = await api.signIn({ name: "Dora" });
    const avatar = await avatarOf(dora, "Faves");
    const [older, newer] = await generatedPhotosOf(avatar.id, [styleA, styleA]);
    const olderId = globalId("GeneratedPhoto", older!.id);
    const newerId = globalId("GeneratedPhoto", newer!.id);

    const stranger = await api.execute(FavoritePhoto, { input: { photoId: olderId } }, { headers: boris.headers });
    expect(stranger.data!.favoritePhoto).toMatchObject({ __typename: "NotFoundError" });
    expect(await api.prisma.photoFavorite.count({ where: { photoId: older!.id } })).toBe(0);
    const anonymous = await api.execute(FavoritePhoto, { input: { photoId: olderId } });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");

    for (let i = 0; i < 2; i++) {
      const result = await api.execute(FavoritePhoto, { input: { photoId: olderId } }, { headers: dora.headers });
      expect(result.data!.favoritePhoto).toEqual({ __typename: "GeneratedPhoto", id: olderId, isFavorite: true });
    }
    expect(await api.prisma.photoFavorite.count({ where: { photoId: older!.id } })).toBe(1);
    await api.execute(FavoritePhoto, { input: { photoId: newerId } }, { headers: dora.headers });

    const list = await api.execute(FavoritePhotos, {}, { headers: dora.headers });
    expect(list.data!.viewer!.favoritePhotos.edges.map((e) => [e.node.id, e.node.isFavorite])).toEqual([
      [newerId, true],
      [olderId, true],
    ]);

    // Keyset pages: the cursor follows favorites, one at a time.
    const page1 = await api.execute(FavoritePhotos, { first: 1 }, { headers: dora.headers });
    expect(page1.data!.viewer!.favoritePhotos.edges.map((e) => e.node.id)).toEqual([newerId]);
    expect(page1.data!.viewer!.favoritePhotos.pageInfo.hasNextPage).toBe(true);
    const page2 = await api.execute(
      FavoritePhotos,
      { first: 1, after: page1.data!.viewer!.favoritePhotos.pageInfo.endCursor },
      { headers: dora.headers },
    );
    expect(page2.data!.viewer!.favoritePhotos.edges.map((e) => e.node.id)).toEqual([olderId]);
    expect(page2.data!.viewer!.favoritePhotos.pageInfo.hasNextPage).toBe(false);
    const others = await api.execute(FavoritePhotos, {}, { headers: boris.headers });
    expect(others.data!.viewer!.favoritePhotos.edges.map((e) => e.node.id)).not.toContain(olderId);

    const strangerUnfavorite = await api.execute(UnfavoritePhoto, { input: { photoId: olderId } }, { headers: boris.headers });
    expect(strangerUnfavorite.data!.unfavoritePhoto).toMatchObject({ __typename: "NotFoundError" });
    expect(await api.prisma.photoFavorite.count({ where: { photoId: older!.id } })).toBe(1);

    const removed = await api.execute(UnfavoritePhoto, { input: { photoId: olderId } }, { headers: dora.headers });
    expect(removed.data!.unfavoritePhoto).toEqual({ __typename: "GeneratedPhoto", id: olderId, isFavorite: false });
    const after = await api.execute(FavoritePhotos, {}, { headers: dora.headers });
    expect(after.data!.viewer!.favoritePhotos.edges.map((e) => e.node.id)).toEqual([newerId]);
  });

  it("deletes the owner's photo; another user gets NotFoundError and the photo stays", async () => {
    const avatar = await avatarOf(anna, "Cull");
    const [photo] = await generatedPhotosOf(avatar.id, [null]);
    const id = globalId("GeneratedPhoto", photo!.id);
    const other = await api.execute(DeleteGeneratedPhoto, { input: { photoId: id } }, { headers: boris.headers });
    expect(other.data!.deleteGeneratedPhoto).toMatchObject({ __typename: "NotFoundError" });
    expect(await api.prisma.generatedPhoto.count({ where: { id: photo!.id } })).toBe(1);
    const owner = await api.execute(DeleteGeneratedPhoto, { input: { photoId: id } }, { headers: anna.headers });
    expect(owner.data!.deleteGeneratedPhoto).toEqual({ __typename: "DeleteGeneratedPhotoPayload", deletedPhotoId: id });
    expect(await api.prisma.generatedPhoto.count({ where: { id: photo!.id } })).toBe(0);
  });

  it("loads an avatar's photo lists in a fixed number of statements (3 vs 6 photos)", async () => {
    const counts = [];
    for (const n of [3, 6]) {
      const avatar = await avatarOf(anna, `Count ${n}`);
      const photos = await generatedPhotosOf(
        avatar.id,
        Array.from({ length: n }, (_, i) => (i % 2 ? styleA : styleB)),
      );
      await api.prisma.photoFavorite.createMany({ data: photos.map((p) => ({ userId: anna.id, photoId: p.id })) });
      await api.prisma.referencePhoto.createMany({
        data: photos.map((_, i) => ({ avatarId: avatar.id, imageUrl: `http://files.test/r/${i}` })),
      });
      const result = await api.execute(AvatarPhotos, { id: avatar.gid }, { headers: anna.headers });
      expect(result.errors).toBeUndefined();
      counts.push(result.statements.length);
    }
    console.info(`avatar → referencePhotos, generatedPhotos: ${counts[0]} statements for 3 photos, ${counts[1]} for 6`);
    expect(counts[1], `avatar photo lists took ${counts[0]} statements for 3 photos`).toBe(counts[0]);
  });
});

// ─── Shared galleries ─────────────────────────────────────────────────────────────

describe("shared galleries", () => {
  it("creates a gallery with a ≥128-bit URL-safe token, 168 hours by default; refuses bad hours and others' avatars", async () => {
    const avatar = await avatarOf(anna, "Shared");
    const started = Date.now();
    const result = await api.execute(CreateSharedGallery, { input: { avatarId: avatar.gid } }, { headers: anna.headers });
    const gallery = result.data!.createSharedGallery;
    if (gallery.__typename !== "SharedGallery") throw new Error(JSON.stringify(result));
    expect(gallery.token).toMatch(/^[A-Za-z0-9_-]{22,}$/);
    expect(Buffer.from(gallery.token, "base64url").length * 8).toBeGreaterThanOrEqual(128);
    expect(gallery.url).toBe(`/g/${gallery.token}`);
    expect(gallery).toMatchObject({ revokedAt: null, viewCount: 0, avatar: { name: "Shared" } });
    const hours = (new Date(gallery.expiresAt as string).getTime() - started) / 3_600_000;
    expect(hours).toBeGreaterThan(167.9);
    expect(hours).toBeLessThan(168.1);

    const before = await api.prisma.sharedGallery.count();
    for (const expiresInHours of [0, 721]) {
      const refused = await api.execute(
        CreateSharedGallery,
        { input: { avatarId: avatar.gid, expiresInHours } },
        { headers: anna.headers },
      );
      expect(refused.data!.createSharedGallery).toMatchObject({
        __typename: "ValidationError",
        fieldErrors: [{ field: "input.expiresInHours" }],
      });
    }
    const other = await api.execute(CreateSharedGallery, { input: { avatarId: avatar.gid } }, { headers: boris.headers });
    expect(other.data!.createSharedGallery).toMatchObject({ __typename: "NotFoundError" });
    expect(await api.prisma.sharedGallery.count()).toBe(before);

    const owner = await api.execute(NodeQuery, { id: gallery.id }, { headers: anna.headers });
    expect(owner.data!.node).toEqual({ id: gallery.id, token: gallery.token });
    const stranger = await api.execute(NodeQuery, { id: gallery.id }, { headers: boris.headers });
    expect(stranger.data!.node).toBeNull();
    expect(stranger.errors).toBeUndefined();
    expect(JSON.stringify(stranger)).not.toContain(gallery.token);
  });

  it("shows anyone with the token the photos only, counting views; null once revoked or expired or unknown", async () => {
    const avatar = await avatarOf(anna, "Public Face");
    await generatedPhotosOf(avatar.id, [styleA, styleB]);
    const created = await api.execute(
      CreateSharedGallery,
      { input: { avatarId: avatar.gid, expiresInHours: 2 } },
      { headers: anna.headers },
    );
    const gallery = created.data!.createSharedGallery as { id: string; token: string };

    const view = await api.execute(PublicGalleryQuery, { token: gallery.token });
    expect(view.errors).toBeUndefined();
    expect(view.data!.sharedGallery).toMatchObject({ __typename: "PublicGallery", avatarName: "Public Face" });
    expect(view.data!.sharedGallery!.photos.edges.map((e) => e.node.imageUrl)).toEqual([
      `http://files.test/g/${avatar.id}/1.jpg`,
      `http://files.test/g/${avatar.id}/0.jpg`,
    ]);
    expect(Object.keys(view.data!.sharedGallery!.photos.edges[0]!.node).sort()).toEqual(["createdAt", "imageUrl", "thumbnailUrl"]);
    expect(JSON.stringify(view)).not.toContain("Anna");
    await api.execute(PublicGalleryQuery, { token: gallery.token }, { headers: boris.headers });
    expect((await api.prisma.sharedGallery.findUniqueOrThrow({ where: { token: gallery.token } })).viewCount).toBe(2);

    const strangerRevoke = await api.execute(RevokeSharedGallery, { input: { galleryId: gallery.id } }, { headers: boris.headers });
    expect(strangerRevoke.data!.revokeSharedGallery).toMatchObject({ __typename: "NotFoundError" });
    expect((await api.prisma.sharedGallery.findUniqueOrThrow({ where: { token: gallery.token } })).revokedAt).toBeNull();
    expect((await api.execute(PublicGalleryQuery, { token: gallery.token })).data!.sharedGallery).not.toBeNull();

    const revoked = await api.execute(RevokeSharedGallery, { input: { galleryId: gallery.id } }, { headers: anna.headers });
    const revokedAt = (revoked.data!.revokeSharedGallery as { revokedAt: string }).revokedAt;
    expect(revokedAt).toEqual(expect.any(String));
    const again = await api.execute(RevokeSharedGallery, { input: { galleryId: gallery.id } }, { headers: anna.headers });
    expect(again.data!.revokeSharedGallery).toMatchObject({ __typename: "SharedGallery", revokedAt });

    const afterRevoke = await api.execute(PublicGalleryQuery, { token: gallery.token });
    expect(afterRevoke.errors).toBeUndefined();
    expect(afterRevoke.data!.sharedGallery).toBeNull();
    expect((await api.prisma.sharedGallery.findUniqueOrThrow({ where: { token: gallery.token } })).viewCount).toBe(3);

    const expired = await api.prisma.sharedGallery.create({
      data: { userId: anna.id, avatarId: avatar.id, token: "expired-token-aaaaaaaaaaaa", expiresAt: new Date(Date.now() - 1000) },
    });
    const expiredAnswer = await api.execute(PublicGalleryQuery, { token: expired.token });
    expect(expiredAnswer.data!.sharedGallery).toBeNull();
    expect(expiredAnswer.errors).toBeUndefined();
    expect((await api.prisma.sharedGallery.findUniqueOrThrow({ where: { id: expired.id } })).viewCount).toBe(0);
    const unknown = await api.execute(PublicGalleryQuery, { token: "no-such-token-aaaaaaaaaaa" });
    expect(unknown.data!.sharedGallery).toBeNull();
    expect(unknown.errors).toBeUndefined();
    const empty = await api.execute(PublicGalleryQuery, { token: "" });
    expect(empty.data!.sharedGallery).toBeNull();
    expect(empty.errors).toBeUndefined();
  });
});
