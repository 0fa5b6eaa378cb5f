// What a production database holds before users arrive, written straight into it (a
// production API refuses demo data): a catalogue as operators would set it up — tiers, a
// style with its prompts — and one operator account with a password of its own (a
// production API deactivates accounts that still have a development password).
import { hashPassword } from "../../../server/src/auth/password.ts";
import { createPrisma } from "../../../server/src/db/prisma.ts";

export const PRODUCTION_TIERS = [
  { code: "starter", name: "Starter", price: "499.00", photoCount: 7, isPopular: false, sortOrder: 1 },
  { code: "standard", name: "Standard", price: "999.00", photoCount: 15, isPopular: true, sortOrder: 2 },
];

export const PRODUCTION_STYLE = {
  code: "professional",
  name: "Professional",
  description: "Business portraits",
  prompts: [
    "Professional corporate headshot of the person, navy suit, soft key light, grey backdrop",
    "Business portrait of the person by an office window, natural daylight",
    "The person speaking on a conference stage, warm stage lights",
  ],
};

export async function seedProductionData(databaseUrl: string, operator: { username: string; password: string }) {
  const prisma = createPrisma(databaseUrl, { poolSize: 2 });
  try {
    await prisma.pricingTier.createMany({ data: PRODUCTION_TIERS });
    const style = await prisma.style.create({
      data: { code: PRODUCTION_STYLE.code, name: PRODUCTION_STYLE.name, description: PRODUCTION_STYLE.description, sortOrder: 1 },
    });
    await prisma.savedPrompt.createMany({
      data: PRODUCTION_STYLE.prompts.map((prompt, i) => ({ title: `Portrait ${i + 1}`, prompt, styleId: style.id, sortOrder: i + 1 })),
    });
    await prisma.adminUser.create({
      data: {
        username: operator.username,
        displayName: "Support lead",
        role: "OPERATOR",
        passwordHash: await hashPassword(operator.password),
      },
    });
  } finally {
    await prisma.$disconnect();
  }
}
