// Generation mutations: starting a paid run. The rules (one payment, one job, transactional
// enqueue) live in domain/generation.ts; the worker does the rest.
import { builder } from "../builder.ts";
import { ConflictError, NotFoundError, PaymentRequiredError } from "../domain/errors.ts";
import { startGeneration } from "../domain/generation.ts";
import { parseDatabaseId, viewerId } from "./access.ts";
import { PhotoPack, Style } from "./catalogue.ts";
import { GenerationJob } from "./generation.ts";
import { Payment } from "./payments.ts";
import { Avatar } from "./photos.ts";

const StartGenerationInput = builder.inputType("StartGenerationInput", {
  fields: (t) => ({
    avatarId: t.globalID({ required: true, for: Avatar }),
    styleId: t.globalID({ for: Style, description: "Generate the style's prompts. Give exactly one of styleId and packId." }),
    packId: t.globalID({ for: PhotoPack, description: "Generate the pack's prompts. Give exactly one of styleId and packId." }),
    paymentId: t.globalID({
      for: Payment,
      description: "The succeeded, unused payment to spend; by default the oldest one (viewer.availablePayment).",
    }),
  }),
});

builder.mutationField("startGeneration", (t) =>
  t.prismaField({
    type: GenerationJob,
    authScopes: { user: true },
    description:
      "Spends one paid, unused payment on a generation for an avatar: one portrait per photo the payment bought, " +
      "from the style's or the pack's prompts. The avatar is PROCESSING until the job ends; follow it with " +
      "generationJobUpdated. Errors: PaymentRequiredError (no spendable payment), ConflictError (the avatar is " +
      "already being generated or has no reference photos), NotFoundError.",
    errors: { types: [NotFoundError, PaymentRequiredError, ConflictError] },
    args: { input: t.arg({ type: StartGenerationInput, required: true }) },
    resolve: async (query, _root, { input }, context) => {
      const jobId = await startGeneration(
        context.prisma,
        context.events,
        viewerId(context),
        {
          avatarId: parseDatabaseId(input.avatarId.id, "Avatar"),
          styleId: input.styleId ? parseDatabaseId(input.styleId.id, "Style") : null,
          packId: input.packId ? parseDatabaseId(input.packId.id, "PhotoPack") : null,
          paymentId: input.paymentId ? parseDatabaseId(input.paymentId.id, "Payment") : null,
        },
        { maxAttempts: context.config.generation.maxAttempts },
      );
      return context.prisma.generationJob.findUniqueOrThrow({ ...query, where: { id: jobId } });
    },
  }),
);
