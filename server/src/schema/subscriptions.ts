// Live subscriptions: generation progress, avatars, support conversations and the
// operators' queue. Served over graphql-ws and SSE with the HTTP schema, context and plugins.
// Each field is one `liveSubscription` (schema/live-subscription.ts: how they are authorised,
// when subscribing and for every event): its channel, the object it follows, its load, and
// the read policy of what it streams, which is the rule the type's node applies to queries.
import { builder } from "../builder.ts";
import { canRead } from "./access.ts";
import { GenerationJob } from "./generation.ts";
import type { LiveScopes } from "./live-sessions.ts";
import { liveSubscription, readPolicy, type Target } from "./live-subscription.ts";
import { Avatar } from "./photos.ts";
import { canReadMessage, SupportTicket, SupportTicketMessage } from "./support.ts";

builder.subscriptionType({
  description: "Live updates, over graphql-ws (`ws://…/graphql`) or SSE (POST /graphql with `Accept: text/event-stream`).",
});

// ─── Who may read what (the query path's rules, on the columns they read) ─────────

/** Avatar: its owner, or staff. */
const avatarPolicy = readPolicy({ userId: true }, (context, avatar: { userId: number }) => canRead(context, avatar.userId));
/** GenerationJob: its avatar's owner, or staff. */
const jobPolicy = readPolicy({ avatar: { select: { userId: true } } }, (context, job: { avatar: { userId: number } }) =>
  canRead(context, job.avatar.userId),
);
/** SupportTicket: its user, or staff. */
const ticketPolicy = readPolicy({ userId: true }, (context, ticket: { userId: number | null }) => canRead(context, ticket.userId));
/** SupportTicketMessage: whoever reads its ticket, an internal note staff only. */
const messagePolicy = readPolicy(
  { isInternal: true, ticket: { select: { userId: true } } },
  (context, message: { isInternal: boolean; ticket: { userId: number | null } }) =>
    canRead(context, message.ticket.userId) && canReadMessage(context, message),
);

const followedJob: Target<{ avatar: { userId: number } }> = {
  arg: "jobId",
  typename: "GenerationJob",
  policy: jobPolicy,
  find: (prisma, id) => prisma.generationJob.findUnique({ where: { id }, select: jobPolicy.fields }),
};
const followedAvatar: Target<{ userId: number }> = {
  arg: "avatarId",
  typename: "Avatar",
  policy: avatarPolicy,
  find: (prisma, id) => prisma.avatar.findUnique({ where: { id }, select: avatarPolicy.fields }),
};
const followedTicket: Target<{ userId: number | null }> = {
  arg: "ticketId",
  typename: "SupportTicket",
  policy: ticketPolicy,
  find: (prisma, id) => prisma.supportTicket.findUnique({ where: { id }, select: ticketPolicy.fields }),
};

/** A user their own objects; staff (ADMIN, OPERATOR, VIEWER) anyone's. */
const OWNER_OR_STAFF: LiveScopes = { user: true, staff: true };
/** The support desk: OPERATOR and ADMIN. */
const OPERATORS: LiveScopes = { operator: true };

// ─── Fields ───────────────────────────────────────────────────────────────────────

builder.subscriptionFields((t) => ({
  generationJobUpdated: t.field({
    type: GenerationJob,
    nullable: true,
    description:
      "A generation job of the viewer's (staff: any): its current state at once, then again after every change — progress, each new photo, completion or failure.",
    args: { jobId: t.arg.id({ required: true }) },
    ...liveSubscription(GenerationJob, {
      scopes: OWNER_OR_STAFF,
      channel: "generation:job",
      target: followedJob,
      policy: jobPolicy,
      snapshot: true,
      load: ({ prisma, query, id }) => prisma.generationJob.findUnique({ ...query, where: { id } }),
    }),
  }),

  avatarUpdated: t.field({
    type: Avatar,
    nullable: true,
    description:
      "An avatar of the viewer's (staff: any): its current state at once, then again after every change (status, thumbnail, photos).",
    args: { avatarId: t.arg.id({ required: true }) },
    ...liveSubscription(Avatar, {
      scopes: OWNER_OR_STAFF,
      channel: "avatar",
      target: followedAvatar,
      policy: avatarPolicy,
      snapshot: true,
      load: ({ prisma, query, id }) => prisma.avatar.findUnique({ ...query, where: { id } }),
    }),
  }),

  supportTicketMessageAdded: t.field({
    type: SupportTicketMessage,
    nullable: true,
    description:
      "Each new message of one of the viewer's tickets (staff: any ticket, internal notes included; a user never receives them).",
    args: { ticketId: t.arg.id({ required: true }) },
    ...liveSubscription(SupportTicketMessage, {
      scopes: OWNER_OR_STAFF,
      channel: "support:ticket-message",
      target: followedTicket,
      policy: messagePolicy,
      snapshot: false,
      coalesce: (event) => event?.messageId, // every message is its own event
      load: async ({ prisma, query, id, event }) =>
        event?.messageId === undefined
          ? null
          : prisma.supportTicketMessage.findFirst({ ...query, where: { id: event.messageId, ticketId: id } }),
    }),
  }),

  supportTicketUpdated: t.field({
    type: SupportTicket,
    nullable: true,
    description:
      "One of the viewer's tickets (staff: any): its current state at once, then again after every change (status, rating, assignment…).",
    args: { ticketId: t.arg.id({ required: true }) },
    ...liveSubscription(SupportTicket, {
      scopes: OWNER_OR_STAFF,
      channel: "support:ticket",
      target: followedTicket,
      policy: ticketPolicy,
      snapshot: true,
      load: ({ prisma, query, id }) => prisma.supportTicket.findUnique({ ...query, where: { id } }),
    }),
  }),

  supportQueueUpdated: t.field({
    type: SupportTicket,
    nullable: true,
    description:
      "Operators (OPERATOR, ADMIN): every ticket that is opened or changes (a message, a note, a status, an assignment…), as it is now.",
    ...liveSubscription(SupportTicket, {
      scopes: OPERATORS,
      channel: "support:queue",
      policy: ticketPolicy, // staff read every ticket
      snapshot: false,
      coalesce: (event) => event?.ticketId,
      load: async ({ prisma, query, event }) =>
        event ? prisma.supportTicket.findUnique({ ...query, where: { id: event.ticketId } }) : null,
    }),
  }),
}));
