// The headline check of the photos issue: nested lists cost a fixed number of SQL
// statements, whatever the number of avatars, photos, jobs or tasks.
import { beforeAll, describe, expect, it } from "vitest";
import { createTestApi, type TestApi, type TestUser } from "./support/harness.ts";
import { graphql } from "./gql/index.ts";

const Headline = graphql(`
  query Nesting_Headline {
    viewer {
      avatars(first: 50) {
        edges {
          node {
            name
            latestJob { status completedPhotos totalPhotos }
            referencePhotos(first: 10) { edges { node { imageUrl } } }
            generatedPhotos(first: 20) { edges { node { imageUrl isFavorite style { name } } } }
          }
        }
      }
    }
  }
`);

const Favorites = graphql(`
  query Nesting_Favorites {
    viewer {
      favoritePhotos(first: 100) {
        edges { favoritedAt node { id imageUrl isFavorite style { name } avatar { name } } }
      }
    }
  }
`);

// latestJob and generationJobs read one relation with different arguments: the second
// one planned is loaded by a batched fallback query, still one statement for all avatars.
const JobsAndTasks = graphql(`
  query Nesting_JobsAndTasks {
    viewer {
      avatars(first: 10) {
        edges {
          node {
            latestJob { id status }
            generationJobs(first: 10) {
              totalCount
              edges {
                node {
                  status progress style { name }
                  tasks(first: 20) { totalCount edges { node { promptIndex status attempts } } }
                }
              }
            }
          }
        }
      }
    }
  }
`);

const Gallery = graphql(`
  query Nesting_Gallery($token: String!) {
    sharedGallery(token: $token) {
      avatarName
      photos(first: 100) { edges { node { imageUrl thumbnailUrl createdAt } } }
    }
  }
`);

let api: TestApi;
let styleId: number;

beforeAll(async () => {
  api = await createTestApi();
  styleId = (await api.prisma.style.create({ data: { code: "nesting", name: "Nesting style" } })).id;
});

/** A user with `avatars` avatars, each with `photos` reference and generated photos (all favorited), one job of `photos` tasks and a gallery. */
async function userWith(avatars: number, photos: number): Promise<TestUser & { galleryToken: string }> {
  const user = await api.signIn();
  let galleryToken = "";
  for (let a = 0; a < avatars; a++) {
    const avatar = await api.prisma.avatar.create({ data: { userId: user.id, name: `Avatar ${a}` } });
    const job = await api.prisma.generationJob.create({
      data: { avatarId: avatar.id, styleId, status: "PROCESSING", totalPhotos: photos, completedPhotos: photos },
    });
    await api.prisma.generationTask.createMany({
      data: Array.from({ length: photos }, (_, i) => ({
        jobId: job.id,
        avatarId: avatar.id,
        promptIndex: i,
        prompt: `secret ${i}`,
        status: "SUCCEEDED" as const,
      })),
    });
    await api.prisma.referencePhoto.createMany({
      data: Array.from({ length: photos }, (_, i) => ({ avatarId: avatar.id, imageUrl: `http://files.test/r/${avatar.id}/${i}.jpg` })),
    });
    const generated = await api.prisma.generatedPhoto.createManyAndReturn({
      data: Array.from({ length: photos }, (_, i) => ({
        avatarId: avatar.id,
        jobId: job.id,
        styleId,
        prompt: `prompt ${i}`,
        imageUrl: `http://files.test/g/${avatar.id}/${i}.jpg`,
      })),
    });
    await api.prisma.photoFavorite.createMany({ data: generated.map((p) => ({ userId: user.id, photoId: p.id })) });
    galleryToken = `nesting-${user.id}-${a}-${"x".repeat(20)}`;
    await api.prisma.sharedGallery.create({
      data: { userId: user.id, avatarId: avatar.id, token: galleryToken, expiresAt: new Date(Date.now() + 3_600_000) },
    });
  }
  return { ...user, galleryToken };
}

let small: Awaited<ReturnType<typeof userWith>>;
let large: Awaited<ReturnType<typeof userWith>>;

beforeAll(async () => {
  small = await userWith(2, 3);
  large = await userWith(6, 10);
});

async function statementsFor<T>(run: (user: typeof small) => Promise<{ errors?: unknown; statements: string[]; data?: T | null }>) {
  const few = await run(small);
  const many = await run(large);
  expect(few.errors).toBeUndefined();
  expect(many.errors).toBeUndefined();
  return { few, many };
}

describe("statement counts do not grow with the data", () => {
  it("viewer → avatars → latestJob, referencePhotos, generatedPhotos → isFavorite, style", async () => {
    const { few, many } = await statementsFor((u) => api.execute(Headline, {}, { headers: u.headers }));
    const avatars = many.data!.viewer!.avatars.edges;
    expect(avatars).toHaveLength(6);
    expect(avatars[0]!.node.latestJob).toEqual({ status: "PROCESSING", completedPhotos: 10, totalPhotos: 10 });
    expect(avatars[0]!.node.referencePhotos.edges).toHaveLength(10);
    expect(avatars[0]!.node.generatedPhotos.edges).toHaveLength(10);
    expect(
      avatars.flatMap((a) => a.node.generatedPhotos.edges).every((e) => e.node.isFavorite && e.node.style?.name === "Nesting style"),
    ).toBe(true);
    expect(few.data!.viewer!.avatars.edges).toHaveLength(2);
    console.info(`headline nesting: ${few.statements.length} statements for 2×3, ${many.statements.length} for 6×10`);
    expect(many.statements, `2 avatars × 3 photos took ${few.statements.length} statements`).toHaveLength(few.statements.length);
    expect(few.statements.length).toBeLessThanOrEqual(8);
  });

  it("viewer → favoritePhotos → style, avatar", async () => {
    const { few, many } = await statementsFor((u) => api.execute(Favorites, {}, { headers: u.headers }));
    expect(few.data!.viewer!.favoritePhotos.edges).toHaveLength(6);
    expect(many.data!.viewer!.favoritePhotos.edges).toHaveLength(60);
    console.info(`favoritePhotos: ${few.statements.length} statements for 6, ${many.statements.length} for 60`);
    expect(many.statements, `6 favorites took ${few.statements.length} statements`).toHaveLength(few.statements.length);
  });

  it("viewer → avatars → generationJobs → tasks, generatedPhotos", async () => {
    const { few, many } = await statementsFor((u) => api.execute(JobsAndTasks, {}, { headers: u.headers }));
    const job = many.data!.viewer!.avatars.edges[0]!.node.generationJobs.edges[0]!.node;
    expect(job.tasks.totalCount).toBe(10);
    expect(job.tasks.edges.map((e) => e.node.promptIndex)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(job.progress).toBe(1);
    console.info(`jobs → tasks: ${few.statements.length} statements for 2×3, ${many.statements.length} for 6×10`);
    expect(many.statements, `2 jobs × 3 tasks took ${few.statements.length} statements`).toHaveLength(few.statements.length);
  });

  it("sharedGallery → photos", async () => {
    const { few, many } = await statementsFor((u) => api.execute(Gallery, { token: u.galleryToken }));
    expect(few.data!.sharedGallery!.photos.edges).toHaveLength(3);
    expect(many.data!.sharedGallery!.photos.edges).toHaveLength(10);
    console.info(`sharedGallery: ${few.statements.length} statements for 3 photos, ${many.statements.length} for 10`);
    expect(many.statements, `3 photos took ${few.statements.length} statements`).toHaveLength(few.statements.length);
  });
});
