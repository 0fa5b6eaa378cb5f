import { beforeAll, describe, expect, it } from "vitest";
import { createTestApi, type TestApi, type TestUser } from "./support/harness.ts";
import { graphql } from "./gql/index.ts";

const ViewerQuery = graphql(`
  query Viewer_Profile {
    viewer {
      id name telegramUsername email isPro onboardingCompletedAt
      identities { provider linkedAt }
    }
  }
`);

const UpdateProfile = graphql(`
  mutation Viewer_UpdateProfile($input: UpdateProfileInput!) {
    updateProfile(input: $input) {
      __typename
      ... on User { id name email }
      ... on ValidationError { code fieldErrors { field message } }
    }
  }
`);

const CompleteOnboarding = graphql(`
  mutation Viewer_CompleteOnboarding { completeOnboarding { onboardingCompletedAt } }
`);

const NodeQuery = graphql(`
  query Viewer_Node($id: ID!) { node(id: $id) { id ... on User { name email } } }
`);

let api: TestApi;
let anna: TestUser;
let boris: TestUser;

beforeAll(async () => {
  api = await createTestApi();
  anna = await api.signIn({ name: "Anna" });
  boris = await api.signIn({ name: "Boris" });
});

describe("viewer", () => {
  it("is the signed-in user with the identity they signed in with, with a bounded number of statements", async () => {
    const result = await api.execute(ViewerQuery, {}, { headers: anna.headers });
    expect(result.errors).toBeUndefined();
    expect(result.data?.viewer).toMatchObject({
      name: "Anna",
      isPro: false,
      onboardingCompletedAt: null,
      identities: [{ provider: "TELEGRAM" }],
    });
    // session lookup, the user (with its succeeded-payment count), its identities
    expect(result.statements, result.statements.join("\n")).toHaveLength(3);
  });

  it("isPro follows succeeded payments, and is never stored", async () => {
    await api.prisma.payment.create({
      data: { userId: anna.id, idempotencyKey: "viewer-pending", amount: "499.00", photoCount: 7, status: "PENDING" },
    });
    expect((await api.execute(ViewerQuery, {}, { headers: anna.headers })).data?.viewer?.isPro).toBe(false);
    await api.prisma.payment.create({
      data: { userId: anna.id, idempotencyKey: "viewer-paid", amount: "499.00", photoCount: 7, status: "SUCCEEDED" },
    });
    expect((await api.execute(ViewerQuery, {}, { headers: anna.headers })).data?.viewer?.isPro).toBe(true);
    expect((await api.execute(ViewerQuery, {}, { headers: boris.headers })).data?.viewer?.isPro).toBe(false);
  });

  it("node(id) answers a user's own node, and null for someone else's", async () => {
    const own = await api.execute(ViewerQuery, {}, { headers: anna.headers });
    const annaId = own.data!.viewer!.id;
    expect((await api.execute(NodeQuery, { id: annaId }, { headers: anna.headers })).data?.node).toMatchObject({ name: "Anna" });
    const asBoris = await api.execute(NodeQuery, { id: annaId }, { headers: boris.headers });
    expect(asBoris.data?.node).toBeNull();
    expect(asBoris.errors).toBeUndefined();
    expect(JSON.stringify(asBoris)).not.toContain("Anna");
    const anonymous = await api.execute(NodeQuery, { id: annaId });
    expect(anonymous.data?.node).toBeNull();
    expect(anonymous.errors).toBeUndefined();
  });
});

describe("updateProfile", () => {
  it("updates the name and email of the signed-in user only", async () => {
    const result = await api.execute(
      UpdateProfile,
      { input: { name: "  Anna K.  ", email: "anna@example.com" } },
      { headers: anna.headers },
    );
    expect(result.data?.updateProfile).toMatchObject({ __typename: "User", name: "Anna K.", email: "anna@example.com" });
    const borisRow = await api.prisma.user.findUniqueOrThrow({ where: { id: boris.id } });
    expect(borisRow.name).toBe("Boris");
  });

  it("answers a ValidationError per bad field and changes nothing", async () => {
    const before = await api.prisma.user.findUniqueOrThrow({ where: { id: boris.id } });
    const result = await api.execute(UpdateProfile, { input: { name: "", email: "not-an-email" } }, { headers: boris.headers });
    expect(result.data?.updateProfile).toMatchObject({ __typename: "ValidationError", code: "VALIDATION_FAILED" });
    const fields = (result.data?.updateProfile as { fieldErrors: { field: string }[] }).fieldErrors.map((e) => e.field).sort();
    expect(fields).toEqual(["input.email", "input.name"]);
    expect(await api.prisma.user.findUniqueOrThrow({ where: { id: boris.id } })).toEqual(before);
  });

  it("refuses an anonymous request with UNAUTHENTICATED", async () => {
    const result = await api.execute(UpdateProfile, { input: { name: "Mallory" } });
    expect(result.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    expect(result.data?.updateProfile ?? null).toBeNull();
  });
});

describe("completeOnboarding", () => {
  it("stamps the first completion and keeps it", async () => {
    const first = await api.execute(CompleteOnboarding, {}, { headers: boris.headers });
    const stamped = first.data?.completeOnboarding.onboardingCompletedAt;
    expect(stamped).toEqual(expect.any(String));
    const again = await api.execute(CompleteOnboarding, {}, { headers: boris.headers });
    expect(again.data?.completeOnboarding.onboardingCompletedAt).toBe(stamped);
  });
});
