/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
export type AdminPaymentFilter = {
  createdAt?: DateRangeInput | null | undefined;
  isTestMode?: boolean | null | undefined;
  provider?: PaymentProvider | null | undefined;
  /** A provider's payment id (T-Bank id, Telegram charge id or TON hash), exactly. */
  search?: string | null | undefined;
  status?: PaymentStatus | null | undefined;
  /** A User's global id. */
  user?: string | number | null | undefined;
};

/** ADMIN: everything. OPERATOR: support desk and user moderation. VIEWER: reads, changes nothing. */
export type AdminRole =
  | 'ADMIN'
  | 'OPERATOR'
  | 'VIEWER';

export type AdminSignInInput = {
  password: string;
  username: string;
};

export type AdminUsersFilter = {
  banned?: boolean | null | undefined;
  createdAt?: DateRangeInput | null | undefined;
  /** Has (true) or has not (false) a succeeded payment. */
  isPro?: boolean | null | undefined;
  /** A User id: only users this user referred. */
  referredBy?: string | number | null | undefined;
  /** Part of the name or email, `@username` (part of it), or an exact Telegram user id. */
  search?: string | null | undefined;
};

export type AdminWithdrawalsFilter = {
  createdAt?: DateRangeInput | null | undefined;
  currency?: ReferralCurrency | null | undefined;
  method?: WithdrawalMethod | null | undefined;
  /** Part of the recipient's name (case-insensitive). */
  search?: string | null | undefined;
  /** Any of these statuses. */
  status?: Array<WithdrawalStatus> | null | undefined;
  user?: string | number | null | undefined;
};

export type ApproveWithdrawalInput = {
  /** Optional note for the withdrawal's log. */
  note?: string | null | undefined;
  withdrawalId: string | number;
};

export type AvatarStatus =
  | 'DRAFT'
  | 'PROCESSING'
  | 'READY';

export type BalanceTransactionKind =
  | 'ADJUSTMENT'
  | 'COMMISSION'
  | 'COMMISSION_REVERSAL'
  | 'WITHDRAWAL_RELEASE'
  | 'WITHDRAWAL_RESERVE';

export type CompleteTestPaymentInput = {
  paymentId: string | number;
};

export type CreateAvatarInput = {
  /** Retrying with the same key answers the avatar the first call created. */
  idempotencyKey?: string | null | undefined;
  name: string;
};

export type CreatePaymentInput = {
  /** The client's key for this purchase (e.g. a UUID made when the user pressed Pay): retries with it return the same payment. */
  idempotencyKey: string;
  promoCode?: string | null | undefined;
  /** One of `paymentProviders`. */
  provider: PaymentProvider;
  tierId: string | number;
};

export type CreateSharedGalleryInput = {
  avatarId: string | number;
  expiresInHours?: number | null | undefined;
};

/** RUB, TON, or XTR (Telegram Stars). */
export type Currency =
  | 'RUB'
  | 'TON'
  | 'XTR';

/** A half-open time range: from ≤ t < to. Either end may be left open. */
export type DateRangeInput = {
  from?: string | null | undefined;
  to?: string | null | undefined;
};

export type DeactivateSavedPromptInput = {
  id: string | number;
};

export type DeleteReferencePhotoInput = {
  photoId: string | number;
};

export type EarningStatus =
  | 'CREDITED'
  | 'PENDING'
  | 'REVERSED';

export type FavoritePhotoInput = {
  photoId: string | number;
};

export type GenerationJobStatus =
  | 'COMPLETED'
  | 'FAILED'
  | 'PENDING'
  | 'PROCESSING';

export type MessageSender =
  | 'OPERATOR'
  | 'SYSTEM'
  | 'USER';

export type OpenSupportTicketInput = {
  category: TicketCategory;
  message: string;
  subject: string;
};

export type PaymentProvider =
  | 'STARS'
  | 'TBANK'
  | 'TEST'
  | 'TON';

export type PaymentStatus =
  | 'CANCELED'
  | 'FAILED'
  | 'PENDING'
  | 'REFUNDED'
  | 'REFUNDING'
  | 'SUCCEEDED';

export type PostSupportMessageInput = {
  body: string;
  ticketId: string | number;
};

export type PromoCodeProblem =
  | 'ALREADY_USED'
  | 'EXHAUSTED'
  | 'EXPIRED'
  | 'INACTIVE'
  | 'NOT_FOUND'
  | 'NOT_YET_VALID';

/** The currencies referral balances are kept in. */
export type ReferralCurrency =
  | 'RUB'
  | 'TON';

export type RejectWithdrawalInput = {
  /** Shown to the user. */
  reason: string;
  withdrawalId: string | number;
};

/** The reply is `body`, or the canned response's text when no body is given (its use is counted either way). */
export type ReplyToTicketInput = {
  body?: string | null | undefined;
  cannedResponseId?: string | number | null | undefined;
  ticketId: string | number;
};

export type RequestWithdrawalInput = {
  /** In `currency`; at least the minimum (100 RUB by default). */
  amount: string;
  /** RUB (by CARD or SBP; 13% NDFL withheld) or TON (to a TON wallet). */
  currency: Currency;
  /** Where to pay: { cardNumber } for CARD (stored masked), { phone, bank } for SBP, { address } for TON. */
  details: unknown;
  method: WithdrawalMethod;
  recipientName?: string | null | undefined;
};

export type SignInWithTelegramInput = {
  /** Telegram.WebApp.initData, exactly as Telegram passed it. */
  initData: string;
  /** Used when initData carries no start_param. */
  referralCode?: string | null | undefined;
};

/** The fields the Telegram Login Widget passes to its callback, unchanged. */
export type SignInWithTelegramWidgetInput = {
  authDate: string;
  firstName?: string | null | undefined;
  hash: string;
  id: string;
  lastName?: string | null | undefined;
  photoUrl?: string | null | undefined;
  referralCode?: string | null | undefined;
  username?: string | null | undefined;
};

/** BREACHED: a running deadline has passed. DUE_SOON: one passes within the hour. ON_TRACK: neither. */
export type SlaState =
  | 'BREACHED'
  | 'DUE_SOON'
  | 'ON_TRACK';

export type StartGenerationInput = {
  avatarId: string | number;
  /** Generate the pack's prompts. Give exactly one of styleId and packId. */
  packId?: string | number | null | undefined;
  /** The succeeded, unused payment to spend; by default the oldest one (viewer.availablePayment). */
  paymentId?: string | number | null | undefined;
  /** Generate the style's prompts. Give exactly one of styleId and packId. */
  styleId?: string | number | null | undefined;
};

export type SupportQueueFilter = {
  /** Tickets assigned to this AdminUser. */
  assignee?: string | number | null | undefined;
  category?: TicketCategory | null | undefined;
  /** Any of these priorities. */
  priority?: Array<TicketPriority> | null | undefined;
  /** Part of the ticket number or subject. */
  search?: string | null | undefined;
  slaState?: SlaState | null | undefined;
  /** Any of these statuses. */
  status?: Array<TicketStatus> | null | undefined;
  /** true: only unassigned tickets; false: only assigned ones. */
  unassigned?: boolean | null | undefined;
};

export type TicketCategory =
  | 'ACCOUNT'
  | 'GENERAL'
  | 'PAYMENT'
  | 'TECHNICAL';

/** P1 (critical) … P4 (low). */
export type TicketPriority =
  | 'P1'
  | 'P2'
  | 'P3'
  | 'P4';

export type TicketStatus =
  | 'CLOSED'
  | 'ESCALATED'
  | 'IN_PROGRESS'
  | 'OPEN'
  | 'RESOLVED'
  | 'WAITING_USER';

export type UnfavoritePhotoInput = {
  photoId: string | number;
};

/** Fields left out stay as they are; null clears description and coverUrl. */
export type UpdatePhotoPackInput = {
  coverUrl?: string | null | undefined;
  description?: string | null | undefined;
  id: string | number;
  isActive?: boolean | null | undefined;
  name?: string | null | undefined;
  sortOrder?: number | null | undefined;
};

export type UploadReferencePhotosInput = {
  avatarId: string | number;
  /** 1–5 JPEG, PNG, WEBP or HEIC images (multipart request). */
  files: Array<File>;
};

export type WithdrawalMethod =
  | 'CARD'
  | 'SBP'
  | 'TON';

export type WithdrawalStatus =
  | 'APPROVED'
  | 'CANCELLED'
  | 'PAID'
  | 'PENDING'
  | 'PROCESSING'
  | 'REJECTED';

export type AvatarCard_AvatarFragmentFragment = { __typename: 'Avatar', id: string, name: string, status: AvatarStatus, thumbnailUrl: string | null, referencePhotoCount: number, generatedPhotoCount: number } & { ' $fragmentName'?: 'AvatarCard_AvatarFragmentFragment' };

export type Checkout_CompleteTestPaymentMutationMutationVariables = Exact<{
  input: CompleteTestPaymentInput;
}>;


export type Checkout_CompleteTestPaymentMutationMutation = { __typename: 'Mutation', completeTestPayment:
    | { __typename: 'ForbiddenError', message: string }
    | { __typename: 'NotFoundError', message: string }
    | { __typename: 'Payment', id: string, status: PaymentStatus, photoCount: number }
    | { __typename: 'ValidationError', message: string }
   };

export type GallerySection_PhotosQueryQueryVariables = Exact<{
  avatarId: string | number;
  styleId?: string | number | null | undefined;
}>;


export type GallerySection_PhotosQueryQuery = { __typename: 'Query', styles: Array<{ __typename: 'Style', id: string, name: string }>, node:
    | { __typename: 'AdminAlert' }
    | { __typename: 'AdminNotification' }
    | { __typename: 'AdminSetting' }
    | { __typename: 'AdminUser' }
    | { __typename: 'AuditLog' }
    | { __typename: 'Avatar', id: string, generatedPhotos: { __typename: 'AvatarGeneratedPhotosConnection', totalCount: number, edges: Array<{ __typename: 'AvatarGeneratedPhotosConnectionEdge', node: (
            { __typename: 'GeneratedPhoto', id: string }
            & { ' $fragmentRefs'?: { 'PhotoTile_PhotoFragmentFragment': PhotoTile_PhotoFragmentFragment } }
          ) }> }, sharedGalleries: { __typename: 'AvatarSharedGalleriesConnection', edges: Array<{ __typename: 'AvatarSharedGalleriesConnectionEdge', node: { __typename: 'SharedGallery', id: string, url: string, expiresAt: string | null, revokedAt: string | null } }> } }
    | { __typename: 'BalanceTransaction' }
    | { __typename: 'ExchangeRate' }
    | { __typename: 'GeneratedPhoto' }
    | { __typename: 'GenerationJob' }
    | { __typename: 'GenerationTask' }
    | { __typename: 'OrphanPayment' }
    | { __typename: 'PackItem' }
    | { __typename: 'PartnerApiKey' }
    | { __typename: 'PartnerApplication' }
    | { __typename: 'Payment' }
    | { __typename: 'PhotoPack' }
    | { __typename: 'PricingTier' }
    | { __typename: 'PromoCode' }
    | { __typename: 'PromoCodeUsage' }
    | { __typename: 'ReferencePhoto' }
    | { __typename: 'Referral' }
    | { __typename: 'ReferralBalance' }
    | { __typename: 'ReferralCode' }
    | { __typename: 'ReferralEarning' }
    | { __typename: 'SavedPrompt' }
    | { __typename: 'SharedGallery' }
    | { __typename: 'Style' }
    | { __typename: 'SupportCannedResponse' }
    | { __typename: 'SupportFaqAnalytics' }
    | { __typename: 'SupportOperator' }
    | { __typename: 'SupportSlaConfig' }
    | { __typename: 'SupportTicket' }
    | { __typename: 'SupportTicketDraft' }
    | { __typename: 'SupportTicketMessage' }
    | { __typename: 'SystemLog' }
    | { __typename: 'TelegramAffiliateSetting' }
    | { __typename: 'TelegramBroadcast' }
    | { __typename: 'TelegramMessage' }
    | { __typename: 'TelegramMtprotoSession' }
    | { __typename: 'User' }
    | { __typename: 'UserCard' }
    | { __typename: 'WebhookEvent' }
    | { __typename: 'Withdrawal' }
    | { __typename: 'WithdrawalLog' }
   | null };

export type GallerySection_ShareMutationMutationVariables = Exact<{
  input: CreateSharedGalleryInput;
}>;


export type GallerySection_ShareMutationMutation = { __typename: 'Mutation', createSharedGallery:
    | { __typename: 'NotFoundError', message: string }
    | { __typename: 'SharedGallery', id: string, url: string, expiresAt: string | null }
    | { __typename: 'ValidationError', message: string }
   };

export type GenerateSection_OptionsQueryQueryVariables = Exact<{
  avatarId: string | number;
}>;


export type GenerateSection_OptionsQueryQuery = { __typename: 'Query', styles: Array<{ __typename: 'Style', id: string, name: string, description: string | null }>, photoPacks: { __typename: 'QueryPhotoPacksConnection', edges: Array<{ __typename: 'QueryPhotoPacksConnectionEdge', node: { __typename: 'PhotoPack', id: string, name: string } }> }, viewer: { __typename: 'User', id: string, availablePayment: { __typename: 'Payment', id: string, photoCount: number, tier: { __typename: 'PricingTier', id: string, name: string } | null } | null } | null, node:
    | { __typename: 'AdminAlert' }
    | { __typename: 'AdminNotification' }
    | { __typename: 'AdminSetting' }
    | { __typename: 'AdminUser' }
    | { __typename: 'AuditLog' }
    | { __typename: 'Avatar', id: string, status: AvatarStatus, referencePhotoCount: number, latestJob: { __typename: 'GenerationJob', id: string, status: GenerationJobStatus, progress: number, completedPhotos: number, totalPhotos: number } | null }
    | { __typename: 'BalanceTransaction' }
    | { __typename: 'ExchangeRate' }
    | { __typename: 'GeneratedPhoto' }
    | { __typename: 'GenerationJob' }
    | { __typename: 'GenerationTask' }
    | { __typename: 'OrphanPayment' }
    | { __typename: 'PackItem' }
    | { __typename: 'PartnerApiKey' }
    | { __typename: 'PartnerApplication' }
    | { __typename: 'Payment' }
    | { __typename: 'PhotoPack' }
    | { __typename: 'PricingTier' }
    | { __typename: 'PromoCode' }
    | { __typename: 'PromoCodeUsage' }
    | { __typename: 'ReferencePhoto' }
    | { __typename: 'Referral' }
    | { __typename: 'ReferralBalance' }
    | { __typename: 'ReferralCode' }
    | { __typename: 'ReferralEarning' }
    | { __typename: 'SavedPrompt' }
    | { __typename: 'SharedGallery' }
    | { __typename: 'Style' }
    | { __typename: 'SupportCannedResponse' }
    | { __typename: 'SupportFaqAnalytics' }
    | { __typename: 'SupportOperator' }
    | { __typename: 'SupportSlaConfig' }
    | { __typename: 'SupportTicket' }
    | { __typename: 'SupportTicketDraft' }
    | { __typename: 'SupportTicketMessage' }
    | { __typename: 'SystemLog' }
    | { __typename: 'TelegramAffiliateSetting' }
    | { __typename: 'TelegramBroadcast' }
    | { __typename: 'TelegramMessage' }
    | { __typename: 'TelegramMtprotoSession' }
    | { __typename: 'User' }
    | { __typename: 'UserCard' }
    | { __typename: 'WebhookEvent' }
    | { __typename: 'Withdrawal' }
    | { __typename: 'WithdrawalLog' }
   | null };

export type GenerateSection_StartMutationMutationVariables = Exact<{
  input: StartGenerationInput;
}>;


export type GenerateSection_StartMutationMutation = { __typename: 'Mutation', startGeneration:
    | { __typename: 'ConflictError', code: string, message: string }
    | { __typename: 'GenerationJob', id: string }
    | { __typename: 'NotFoundError', code: string, message: string }
    | { __typename: 'PaymentRequiredError', code: string, message: string }
    | { __typename: 'ValidationError', code: string, message: string, fieldErrors: Array<{ __typename: 'FieldError', field: string, message: string }> }
   };

export type OperatorShell_AdminMeQueryQueryVariables = Exact<{ [key: string]: never; }>;


export type OperatorShell_AdminMeQueryQuery = { __typename: 'Query', adminMe: { __typename: 'AdminUser', id: string, username: string, displayName: string | null, role: AdminRole } | null };

export type OperatorShell_SignOutMutationMutationVariables = Exact<{ [key: string]: never; }>;


export type OperatorShell_SignOutMutationMutation = { __typename: 'Mutation', adminSignOut: boolean };

export type PhotoTile_PhotoFragmentFragment = { __typename: 'GeneratedPhoto', id: string, imageUrl: string, thumbnailUrl: string | null, isFavorite: boolean, style: { __typename: 'Style', id: string, name: string } | null } & { ' $fragmentName'?: 'PhotoTile_PhotoFragmentFragment' };

export type PhotoTile_FavoriteMutationMutationVariables = Exact<{
  input: FavoritePhotoInput;
}>;


export type PhotoTile_FavoriteMutationMutation = { __typename: 'Mutation', favoritePhoto:
    | { __typename: 'GeneratedPhoto', id: string, isFavorite: boolean }
    | { __typename: 'NotFoundError', message: string }
    | { __typename: 'ValidationError', message: string }
   };

export type PhotoTile_UnfavoriteMutationMutationVariables = Exact<{
  input: UnfavoritePhotoInput;
}>;


export type PhotoTile_UnfavoriteMutationMutation = { __typename: 'Mutation', unfavoritePhoto:
    | { __typename: 'GeneratedPhoto', id: string, isFavorite: boolean }
    | { __typename: 'NotFoundError', message: string }
    | { __typename: 'ValidationError', message: string }
   };

export type ReferencePhotos_AvatarFragmentFragment = { __typename: 'Avatar', id: string, status: AvatarStatus, referencePhotoCount: number, referencePhotos: { __typename: 'AvatarReferencePhotosConnection', edges: Array<{ __typename: 'AvatarReferencePhotosConnectionEdge', node: { __typename: 'ReferencePhoto', id: string, imageUrl: string, originalFilename: string | null } }> } } & { ' $fragmentName'?: 'ReferencePhotos_AvatarFragmentFragment' };

export type ReferencePhotos_UploadMutationMutationVariables = Exact<{
  input: UploadReferencePhotosInput;
}>;


export type ReferencePhotos_UploadMutationMutation = { __typename: 'Mutation', uploadReferencePhotos:
    | { __typename: 'ConflictError', message: string }
    | { __typename: 'NotFoundError', message: string }
    | { __typename: 'UploadReferencePhotosPayload', photos: Array<{ __typename: 'ReferencePhoto', id: string }>, avatar: { __typename: 'Avatar', id: string, referencePhotoCount: number, status: AvatarStatus } | null }
    | { __typename: 'ValidationError', message: string, fieldErrors: Array<{ __typename: 'FieldError', field: string, message: string }> }
   };

export type ReferencePhotos_DeleteMutationMutationVariables = Exact<{
  input: DeleteReferencePhotoInput;
}>;


export type ReferencePhotos_DeleteMutationMutation = { __typename: 'Mutation', deleteReferencePhoto:
    | { __typename: 'ConflictError', message: string }
    | { __typename: 'DeleteReferencePhotoPayload' }
    | { __typename: 'NotFoundError', message: string }
    | { __typename: 'ValidationError', message: string }
   };

export type UserShell_ViewerQueryQueryVariables = Exact<{ [key: string]: never; }>;


export type UserShell_ViewerQueryQuery = { __typename: 'Query', viewer: { __typename: 'User', id: string, name: string | null, telegramUsername: string | null } | null };

export type UserShell_SignOutMutationMutationVariables = Exact<{ [key: string]: never; }>;


export type UserShell_SignOutMutationMutation = { __typename: 'Mutation', signOut: boolean };

export type WithdrawalForm_RequestMutationMutationVariables = Exact<{
  input: RequestWithdrawalInput;
}>;


export type WithdrawalForm_RequestMutationMutation = { __typename: 'Mutation', requestWithdrawal:
    | { __typename: 'ConflictError', message: string }
    | { __typename: 'ValidationError', message: string, fieldErrors: Array<{ __typename: 'FieldError', field: string, message: string }> }
    | { __typename: 'Withdrawal', id: string, status: WithdrawalStatus, amount: string, currency: Currency, payoutAmount: string, ndflAmount: string }
   };

export type AvatarPage_AvatarQueryQueryVariables = Exact<{
  id: string | number;
}>;


export type AvatarPage_AvatarQueryQuery = { __typename: 'Query', node:
    | { __typename: 'AdminAlert' }
    | { __typename: 'AdminNotification' }
    | { __typename: 'AdminSetting' }
    | { __typename: 'AdminUser' }
    | { __typename: 'AuditLog' }
    | (
      { __typename: 'Avatar', id: string, name: string, status: AvatarStatus }
      & { ' $fragmentRefs'?: { 'ReferencePhotos_AvatarFragmentFragment': ReferencePhotos_AvatarFragmentFragment } }
    )
    | { __typename: 'BalanceTransaction' }
    | { __typename: 'ExchangeRate' }
    | { __typename: 'GeneratedPhoto' }
    | { __typename: 'GenerationJob' }
    | { __typename: 'GenerationTask' }
    | { __typename: 'OrphanPayment' }
    | { __typename: 'PackItem' }
    | { __typename: 'PartnerApiKey' }
    | { __typename: 'PartnerApplication' }
    | { __typename: 'Payment' }
    | { __typename: 'PhotoPack' }
    | { __typename: 'PricingTier' }
    | { __typename: 'PromoCode' }
    | { __typename: 'PromoCodeUsage' }
    | { __typename: 'ReferencePhoto' }
    | { __typename: 'Referral' }
    | { __typename: 'ReferralBalance' }
    | { __typename: 'ReferralCode' }
    | { __typename: 'ReferralEarning' }
    | { __typename: 'SavedPrompt' }
    | { __typename: 'SharedGallery' }
    | { __typename: 'Style' }
    | { __typename: 'SupportCannedResponse' }
    | { __typename: 'SupportFaqAnalytics' }
    | { __typename: 'SupportOperator' }
    | { __typename: 'SupportSlaConfig' }
    | { __typename: 'SupportTicket' }
    | { __typename: 'SupportTicketDraft' }
    | { __typename: 'SupportTicketMessage' }
    | { __typename: 'SystemLog' }
    | { __typename: 'TelegramAffiliateSetting' }
    | { __typename: 'TelegramBroadcast' }
    | { __typename: 'TelegramMessage' }
    | { __typename: 'TelegramMtprotoSession' }
    | { __typename: 'User' }
    | { __typename: 'UserCard' }
    | { __typename: 'WebhookEvent' }
    | { __typename: 'Withdrawal' }
    | { __typename: 'WithdrawalLog' }
   | null };

export type AvatarsPage_AvatarsQueryQueryVariables = Exact<{ [key: string]: never; }>;


export type AvatarsPage_AvatarsQueryQuery = { __typename: 'Query', viewer: { __typename: 'User', id: string, avatars: { __typename: 'UserAvatarsConnection', edges: Array<{ __typename: 'UserAvatarsConnectionEdge', node: (
          { __typename: 'Avatar', id: string }
          & { ' $fragmentRefs'?: { 'AvatarCard_AvatarFragmentFragment': AvatarCard_AvatarFragmentFragment } }
        ) }> } } | null };

export type AvatarsPage_CreateAvatarMutationMutationVariables = Exact<{
  input: CreateAvatarInput;
}>;


export type AvatarsPage_CreateAvatarMutationMutation = { __typename: 'Mutation', createAvatar:
    | { __typename: 'Avatar', id: string }
    | { __typename: 'ConflictError', message: string }
    | { __typename: 'ValidationError', message: string, fieldErrors: Array<{ __typename: 'FieldError', field: string, message: string }> }
   };

export type GenerationPage_JobSubscriptionSubscriptionVariables = Exact<{
  jobId: string | number;
}>;


export type GenerationPage_JobSubscriptionSubscription = { generationJobUpdated: { __typename: 'GenerationJob', id: string, status: GenerationJobStatus, progress: number, completedPhotos: number, totalPhotos: number, errorMessage: string | null, avatar: { __typename: 'Avatar', id: string, name: string }, style: { __typename: 'Style', id: string, name: string } | null, pack: { __typename: 'PhotoPack', id: string, name: string } | null, generatedPhotos: { __typename: 'GenerationJobGeneratedPhotosConnection', edges: Array<{ __typename: 'GenerationJobGeneratedPhotosConnectionEdge', node: (
          { __typename: 'GeneratedPhoto', id: string }
          & { ' $fragmentRefs'?: { 'PhotoTile_PhotoFragmentFragment': PhotoTile_PhotoFragmentFragment } }
        ) }> } } | null };

export type ContentPage_ContentQueryQueryVariables = Exact<{
  search?: string | null | undefined;
}>;


export type ContentPage_ContentQueryQuery = { __typename: 'Query', admin: { __typename: 'AdminQueries', savedPrompts: { __typename: 'AdminQueriesSavedPromptsConnection', totalCount: number, edges: Array<{ __typename: 'AdminQueriesSavedPromptsConnectionEdge', node: { __typename: 'SavedPrompt', id: string, title: string, prompt: string, isActive: boolean, tags: Array<string>, packItemCount: number, style: { __typename: 'Style', id: string, name: string } | null } }> }, photoPacks: { __typename: 'AdminQueriesPhotoPacksConnection', totalCount: number, edges: Array<{ __typename: 'AdminQueriesPhotoPacksConnectionEdge', node: { __typename: 'PhotoPack', id: string, name: string, description: string | null, isActive: boolean, coverUrl: string | null, allItems: { __typename: 'PhotoPackAllItemsConnection', totalCount: number } } }> } } };

export type ContentPage_DeactivatePromptMutationMutationVariables = Exact<{
  input: DeactivateSavedPromptInput;
}>;


export type ContentPage_DeactivatePromptMutationMutation = { __typename: 'Mutation', deactivateSavedPrompt:
    | { __typename: 'ConflictError', message: string }
    | { __typename: 'NotFoundError', message: string }
    | { __typename: 'SavedPrompt', id: string, isActive: boolean }
    | { __typename: 'ValidationError', message: string }
   };

export type ContentPage_TogglePackMutationMutationVariables = Exact<{
  input: UpdatePhotoPackInput;
}>;


export type ContentPage_TogglePackMutationMutation = { __typename: 'Mutation', updatePhotoPack:
    | { __typename: 'NotFoundError', message: string }
    | { __typename: 'PhotoPack', id: string, isActive: boolean }
    | { __typename: 'ValidationError', message: string }
   };

export type OperatorSignInPage_SignInMutationMutationVariables = Exact<{
  input: AdminSignInInput;
}>;


export type OperatorSignInPage_SignInMutationMutation = { __typename: 'Mutation', adminSignIn:
    | { __typename: 'AccountLockedError', message: string, lockedUntil: string }
    | { __typename: 'AdminSignInPayload', token: string, admin: { __typename: 'AdminUser', id: string, role: AdminRole } }
    | { __typename: 'InvalidCredentialsError', message: string }
    | { __typename: 'ValidationError', message: string, fieldErrors: Array<{ __typename: 'FieldError', field: string, message: string }> }
   };

export type OperatorTicketPage_TicketQueryQueryVariables = Exact<{
  id: string | number;
}>;


export type OperatorTicketPage_TicketQueryQuery = { __typename: 'Query', node:
    | { __typename: 'AdminAlert' }
    | { __typename: 'AdminNotification' }
    | { __typename: 'AdminSetting' }
    | { __typename: 'AdminUser' }
    | { __typename: 'AuditLog' }
    | { __typename: 'Avatar' }
    | { __typename: 'BalanceTransaction' }
    | { __typename: 'ExchangeRate' }
    | { __typename: 'GeneratedPhoto' }
    | { __typename: 'GenerationJob' }
    | { __typename: 'GenerationTask' }
    | { __typename: 'OrphanPayment' }
    | { __typename: 'PackItem' }
    | { __typename: 'PartnerApiKey' }
    | { __typename: 'PartnerApplication' }
    | { __typename: 'Payment' }
    | { __typename: 'PhotoPack' }
    | { __typename: 'PricingTier' }
    | { __typename: 'PromoCode' }
    | { __typename: 'PromoCodeUsage' }
    | { __typename: 'ReferencePhoto' }
    | { __typename: 'Referral' }
    | { __typename: 'ReferralBalance' }
    | { __typename: 'ReferralCode' }
    | { __typename: 'ReferralEarning' }
    | { __typename: 'SavedPrompt' }
    | { __typename: 'SharedGallery' }
    | { __typename: 'Style' }
    | { __typename: 'SupportCannedResponse' }
    | { __typename: 'SupportFaqAnalytics' }
    | { __typename: 'SupportOperator' }
    | { __typename: 'SupportSlaConfig' }
    | { __typename: 'SupportTicket', id: string, number: string, subject: string | null, status: TicketStatus, priority: TicketPriority, category: TicketCategory, createdAt: string, desk: { __typename: 'SupportTicketDesk', contactName: string | null, telegramUsername: string | null, slaState: SlaState | null, firstResponseDueAt: string | null, resolutionDueAt: string | null, user: { __typename: 'User', id: string, name: string | null } | null, assignedTo: { __typename: 'AdminUser', id: string, username: string } | null, conversation: { __typename: 'SupportTicketDeskConversationConnection', edges: Array<{ __typename: 'SupportTicketDeskConversationConnectionEdge', node: { __typename: 'SupportTicketMessage', id: string, body: string, createdAt: string, senderType: MessageSender, senderName: string | null, isInternal: boolean } }> } } | null }
    | { __typename: 'SupportTicketDraft' }
    | { __typename: 'SupportTicketMessage' }
    | { __typename: 'SystemLog' }
    | { __typename: 'TelegramAffiliateSetting' }
    | { __typename: 'TelegramBroadcast' }
    | { __typename: 'TelegramMessage' }
    | { __typename: 'TelegramMtprotoSession' }
    | { __typename: 'User' }
    | { __typename: 'UserCard' }
    | { __typename: 'WebhookEvent' }
    | { __typename: 'Withdrawal' }
    | { __typename: 'WithdrawalLog' }
   | null };

export type OperatorTicketPage_MessageAddedSubscriptionSubscriptionVariables = Exact<{
  ticketId: string | number;
}>;


export type OperatorTicketPage_MessageAddedSubscriptionSubscription = { supportTicketMessageAdded: { __typename: 'SupportTicketMessage', id: string, body: string, createdAt: string, senderType: MessageSender, senderName: string | null, isInternal: boolean } | null };

export type OperatorTicketPage_ReplyMutationMutationVariables = Exact<{
  input: ReplyToTicketInput;
}>;


export type OperatorTicketPage_ReplyMutationMutation = { __typename: 'Mutation', replyToTicket:
    | { __typename: 'ConflictError', message: string }
    | { __typename: 'NotFoundError', message: string }
    | { __typename: 'SupportTicketMessage', id: string, body: string, createdAt: string, senderType: MessageSender, senderName: string | null, isInternal: boolean }
    | { __typename: 'ValidationError', message: string, fieldErrors: Array<{ __typename: 'FieldError', field: string, message: string }> }
   };

export type PaymentsPage_PaymentsQueryQueryVariables = Exact<{
  filter?: AdminPaymentFilter | null | undefined;
}>;


export type PaymentsPage_PaymentsQueryQuery = { __typename: 'Query', admin: { __typename: 'AdminQueries', payments: { __typename: 'AdminQueriesPaymentsConnection', totalCount: number, edges: Array<{ __typename: 'AdminQueriesPaymentsConnectionEdge', node: { __typename: 'Payment', id: string, amount: string, currency: Currency, provider: PaymentProvider, status: PaymentStatus, isTestMode: boolean, photoCount: number, createdAt: string, tier: { __typename: 'PricingTier', id: string, name: string } | null, user: { __typename: 'User', id: string, name: string | null, telegramUsername: string | null } } }> } } };

export type TicketQueuePage_QueueQueryQueryVariables = Exact<{
  filter?: SupportQueueFilter | null | undefined;
}>;


export type TicketQueuePage_QueueQueryQuery = { __typename: 'Query', admin: { __typename: 'AdminQueries', supportQueue: { __typename: 'AdminQueriesSupportQueueConnection', totalCount: number, edges: Array<{ __typename: 'AdminQueriesSupportQueueConnectionEdge', node: { __typename: 'SupportTicket', id: string, number: string, subject: string | null, status: TicketStatus, priority: TicketPriority, category: TicketCategory, updatedAt: string, desk: { __typename: 'SupportTicketDesk', contactName: string | null, telegramUsername: string | null, slaState: SlaState | null, assignedTo: { __typename: 'AdminUser', id: string, username: string } | null } | null } }> } } };

export type TicketQueuePage_QueueUpdatedSubscriptionSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type TicketQueuePage_QueueUpdatedSubscriptionSubscription = { supportQueueUpdated: { __typename: 'SupportTicket', id: string, number: string, status: TicketStatus, updatedAt: string } | null };

export type UsersPage_UsersQueryQueryVariables = Exact<{
  filter?: AdminUsersFilter | null | undefined;
}>;


export type UsersPage_UsersQueryQuery = { __typename: 'Query', admin: { __typename: 'AdminQueries', users: { __typename: 'AdminQueriesUsersConnection', totalCount: number, edges: Array<{ __typename: 'AdminQueriesUsersConnectionEdge', node: { __typename: 'User', id: string, name: string | null, telegramUsername: string | null, telegramUserId: string | null, isPro: boolean, isBanned: boolean, banReason: string | null, createdAt: string } }> } } };

export type WithdrawalsPage_WithdrawalsQueryQueryVariables = Exact<{
  filter?: AdminWithdrawalsFilter | null | undefined;
}>;


export type WithdrawalsPage_WithdrawalsQueryQuery = { __typename: 'Query', admin: { __typename: 'AdminQueries', withdrawals: { __typename: 'AdminQueriesWithdrawalsConnection', totalCount: number, edges: Array<{ __typename: 'AdminQueriesWithdrawalsConnectionEdge', node: { __typename: 'Withdrawal', id: string, amount: string, currency: Currency, method: WithdrawalMethod, destination: string | null, recipientName: string | null, payoutAmount: string, ndflAmount: string, status: WithdrawalStatus, rejectionReason: string | null, createdAt: string, user: { __typename: 'User', id: string, name: string | null, telegramUsername: string | null } } }> } } };

export type WithdrawalsPage_ApproveMutationMutationVariables = Exact<{
  input: ApproveWithdrawalInput;
}>;


export type WithdrawalsPage_ApproveMutationMutation = { __typename: 'Mutation', approveWithdrawal:
    | { __typename: 'ConflictError', message: string }
    | { __typename: 'NotFoundError', message: string }
    | { __typename: 'ValidationError', message: string }
    | { __typename: 'Withdrawal', id: string, status: WithdrawalStatus }
   };

export type WithdrawalsPage_RejectMutationMutationVariables = Exact<{
  input: RejectWithdrawalInput;
}>;


export type WithdrawalsPage_RejectMutationMutation = { __typename: 'Mutation', rejectWithdrawal:
    | { __typename: 'ConflictError', message: string }
    | { __typename: 'NotFoundError', message: string }
    | { __typename: 'ValidationError', message: string, fieldErrors: Array<{ __typename: 'FieldError', field: string, message: string }> }
    | { __typename: 'Withdrawal', id: string, status: WithdrawalStatus, rejectionReason: string | null }
   };

export type PricingPage_TiersQueryQueryVariables = Exact<{ [key: string]: never; }>;


export type PricingPage_TiersQueryQuery = { __typename: 'Query', paymentProviders: Array<PaymentProvider>, pricingTiers: Array<{ __typename: 'PricingTier', id: string, code: string, name: string, price: string, photoCount: number, isPopular: boolean }> };

export type PricingPage_QuoteQueryQueryVariables = Exact<{
  tierId: string | number;
  promoCode?: string | null | undefined;
}>;


export type PricingPage_QuoteQueryQuery = { __typename: 'Query', paymentQuote: { __typename: 'PaymentQuote', amount: string, discount: string, promoCode: string | null, promoError: { __typename: 'PromoCodeRejection', message: string, reason: PromoCodeProblem } | null } | null };

export type PricingPage_CreatePaymentMutationMutationVariables = Exact<{
  input: CreatePaymentInput;
}>;


export type PricingPage_CreatePaymentMutationMutation = { __typename: 'Mutation', createPayment:
    | { __typename: 'CreatePaymentPayload', payment: { __typename: 'Payment', id: string, status: PaymentStatus, amount: string, currency: Currency }, checkout:
        | { __typename: 'RedirectCheckout', url: string }
        | { __typename: 'TelegramInvoiceCheckout', invoiceLink: string }
        | { __typename: 'TestModeCheckout', paymentId: string }
        | { __typename: 'TonTransferCheckout', address: string, amountTon: string, comment: string, expiresAt: string }
       }
    | { __typename: 'IdempotencyKeyReusedError', message: string }
    | { __typename: 'NotFoundError', message: string }
    | { __typename: 'PaymentProviderError', message: string }
    | { __typename: 'PromoCodeError', message: string }
    | { __typename: 'ValidationError', message: string, fieldErrors: Array<{ __typename: 'FieldError', field: string, message: string }> }
   };

export type ReferralsPage_ProgramQueryQueryVariables = Exact<{ [key: string]: never; }>;


export type ReferralsPage_ProgramQueryQuery = { __typename: 'Query', viewer: { __typename: 'User', id: string, referralProgram: { __typename: 'ReferralProgram', commissionRate: string, referralsCount: number, isPartner: boolean, code: { __typename: 'ReferralCode', id: string, code: string } | null, balance: { __typename: 'ReferralAmounts', rub: string, ton: string }, earned: { __typename: 'ReferralAmounts', rub: string, ton: string }, earnings: { __typename: 'ReferralProgramEarningsConnection', edges: Array<{ __typename: 'ReferralProgramEarningsConnectionEdge', node: { __typename: 'ReferralEarning', id: string, amount: string, currency: Currency, status: EarningStatus, referredUserName: string | null, createdAt: string } }> }, balanceTransactions: { __typename: 'ReferralProgramBalanceTransactionsConnection', totalCount: number, edges: Array<{ __typename: 'ReferralProgramBalanceTransactionsConnectionEdge', node: { __typename: 'BalanceTransaction', id: string, kind: BalanceTransactionKind, amount: string, currency: Currency, balanceAfter: string, note: string | null, createdAt: string } }> }, withdrawals: { __typename: 'ReferralProgramWithdrawalsConnection', edges: Array<{ __typename: 'ReferralProgramWithdrawalsConnectionEdge', node: { __typename: 'Withdrawal', id: string, amount: string, currency: Currency, method: WithdrawalMethod, status: WithdrawalStatus, payoutAmount: string, ndflAmount: string, rejectionReason: string | null, createdAt: string } }> } } } | null };

export type ReferralsPage_CreateCodeMutationMutationVariables = Exact<{ [key: string]: never; }>;


export type ReferralsPage_CreateCodeMutationMutation = { __typename: 'Mutation', createReferralCode:
    | { __typename: 'ReferralCode', id: string, code: string }
    | { __typename: 'ValidationError', message: string }
   };

export type SharedGalleryPage_GalleryQueryQueryVariables = Exact<{
  token: string;
}>;


export type SharedGalleryPage_GalleryQueryQuery = { __typename: 'Query', sharedGallery: { __typename: 'PublicGallery', avatarName: string, expiresAt: string | null, photos: { __typename: 'PublicGalleryPhotosConnection', edges: Array<{ __typename: 'PublicGalleryPhotosConnectionEdge', cursor: string, node: { __typename: 'PublicPhoto', imageUrl: string, thumbnailUrl: string | null } }> } } | null };

export type SignInPage_SignInMutationMutationVariables = Exact<{
  input: SignInWithTelegramInput;
}>;


export type SignInPage_SignInMutationMutation = { __typename: 'Mutation', signInWithTelegram:
    | { __typename: 'InvalidSignInError', code: string, message: string }
    | { __typename: 'SignInPayload', token: string, isNewUser: boolean, user: { __typename: 'User', id: string } }
    | { __typename: 'UserBannedError', code: string, message: string }
    | { __typename: 'ValidationError', code: string, message: string, fieldErrors: Array<{ __typename: 'FieldError', field: string, message: string }> }
   };

export type SignInPage_WidgetSignInMutationMutationVariables = Exact<{
  input: SignInWithTelegramWidgetInput;
}>;


export type SignInPage_WidgetSignInMutationMutation = { __typename: 'Mutation', signInWithTelegramWidget:
    | { __typename: 'InvalidSignInError', code: string, message: string }
    | { __typename: 'SignInPayload', token: string, isNewUser: boolean, user: { __typename: 'User', id: string } }
    | { __typename: 'UserBannedError', code: string, message: string }
    | { __typename: 'ValidationError', code: string, message: string, fieldErrors: Array<{ __typename: 'FieldError', field: string, message: string }> }
   };

export type SupportPage_TicketsQueryQueryVariables = Exact<{ [key: string]: never; }>;


export type SupportPage_TicketsQueryQuery = { __typename: 'Query', viewer: { __typename: 'User', id: string, supportTickets: { __typename: 'UserSupportTicketsConnection', edges: Array<{ __typename: 'UserSupportTicketsConnectionEdge', node: { __typename: 'SupportTicket', id: string, number: string, subject: string | null, status: TicketStatus, category: TicketCategory, updatedAt: string } }> } } | null };

export type SupportPage_OpenTicketMutationMutationVariables = Exact<{
  input: OpenSupportTicketInput;
}>;


export type SupportPage_OpenTicketMutationMutation = { __typename: 'Mutation', openSupportTicket:
    | { __typename: 'SupportTicket', id: string, number: string }
    | { __typename: 'ValidationError', message: string, fieldErrors: Array<{ __typename: 'FieldError', field: string, message: string }> }
   };

export type SupportTicketPage_TicketQueryQueryVariables = Exact<{
  id: string | number;
}>;


export type SupportTicketPage_TicketQueryQuery = { __typename: 'Query', node:
    | { __typename: 'AdminAlert' }
    | { __typename: 'AdminNotification' }
    | { __typename: 'AdminSetting' }
    | { __typename: 'AdminUser' }
    | { __typename: 'AuditLog' }
    | { __typename: 'Avatar' }
    | { __typename: 'BalanceTransaction' }
    | { __typename: 'ExchangeRate' }
    | { __typename: 'GeneratedPhoto' }
    | { __typename: 'GenerationJob' }
    | { __typename: 'GenerationTask' }
    | { __typename: 'OrphanPayment' }
    | { __typename: 'PackItem' }
    | { __typename: 'PartnerApiKey' }
    | { __typename: 'PartnerApplication' }
    | { __typename: 'Payment' }
    | { __typename: 'PhotoPack' }
    | { __typename: 'PricingTier' }
    | { __typename: 'PromoCode' }
    | { __typename: 'PromoCodeUsage' }
    | { __typename: 'ReferencePhoto' }
    | { __typename: 'Referral' }
    | { __typename: 'ReferralBalance' }
    | { __typename: 'ReferralCode' }
    | { __typename: 'ReferralEarning' }
    | { __typename: 'SavedPrompt' }
    | { __typename: 'SharedGallery' }
    | { __typename: 'Style' }
    | { __typename: 'SupportCannedResponse' }
    | { __typename: 'SupportFaqAnalytics' }
    | { __typename: 'SupportOperator' }
    | { __typename: 'SupportSlaConfig' }
    | { __typename: 'SupportTicket', id: string, number: string, subject: string | null, status: TicketStatus, messages: { __typename: 'SupportTicketMessagesConnection', edges: Array<{ __typename: 'SupportTicketMessagesConnectionEdge', node: { __typename: 'SupportTicketMessage', id: string, body: string, createdAt: string, senderType: MessageSender, senderName: string | null } }> } }
    | { __typename: 'SupportTicketDraft' }
    | { __typename: 'SupportTicketMessage' }
    | { __typename: 'SystemLog' }
    | { __typename: 'TelegramAffiliateSetting' }
    | { __typename: 'TelegramBroadcast' }
    | { __typename: 'TelegramMessage' }
    | { __typename: 'TelegramMtprotoSession' }
    | { __typename: 'User' }
    | { __typename: 'UserCard' }
    | { __typename: 'WebhookEvent' }
    | { __typename: 'Withdrawal' }
    | { __typename: 'WithdrawalLog' }
   | null };

export type SupportTicketPage_MessageAddedSubscriptionSubscriptionVariables = Exact<{
  ticketId: string | number;
}>;


export type SupportTicketPage_MessageAddedSubscriptionSubscription = { supportTicketMessageAdded: { __typename: 'SupportTicketMessage', id: string, body: string, createdAt: string, senderType: MessageSender, senderName: string | null } | null };

export type SupportTicketPage_TicketUpdatedSubscriptionSubscriptionVariables = Exact<{
  ticketId: string | number;
}>;


export type SupportTicketPage_TicketUpdatedSubscriptionSubscription = { supportTicketUpdated: { __typename: 'SupportTicket', id: string, status: TicketStatus } | null };

export type SupportTicketPage_PostMutationMutationVariables = Exact<{
  input: PostSupportMessageInput;
}>;


export type SupportTicketPage_PostMutationMutation = { __typename: 'Mutation', postSupportMessage:
    | { __typename: 'ConflictError', message: string }
    | { __typename: 'NotFoundError', message: string }
    | { __typename: 'SupportTicketMessage', id: string, body: string, createdAt: string, senderType: MessageSender, senderName: string | null }
    | { __typename: 'ValidationError', message: string, fieldErrors: Array<{ __typename: 'FieldError', field: string, message: string }> }
   };

export const AvatarCard_AvatarFragmentFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AvatarCard_AvatarFragment"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Avatar"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"thumbnailUrl"}},{"kind":"Field","name":{"kind":"Name","value":"referencePhotoCount"}},{"kind":"Field","name":{"kind":"Name","value":"generatedPhotoCount"}}]}}]} as unknown as DocumentNode<AvatarCard_AvatarFragmentFragment, unknown>;
export const PhotoTile_PhotoFragmentFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PhotoTile_PhotoFragment"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"GeneratedPhoto"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"imageUrl"}},{"kind":"Field","name":{"kind":"Name","value":"thumbnailUrl"}},{"kind":"Field","name":{"kind":"Name","value":"isFavorite"}},{"kind":"Field","name":{"kind":"Name","value":"style"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<PhotoTile_PhotoFragmentFragment, unknown>;
export const ReferencePhotos_AvatarFragmentFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ReferencePhotos_AvatarFragment"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Avatar"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"referencePhotoCount"}},{"kind":"Field","name":{"kind":"Name","value":"referencePhotos"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"50"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"imageUrl"}},{"kind":"Field","name":{"kind":"Name","value":"originalFilename"}}]}}]}}]}}]}}]} as unknown as DocumentNode<ReferencePhotos_AvatarFragmentFragment, unknown>;
export const Checkout_CompleteTestPaymentMutationDocument = {"__meta__":{"hash":"sha256:bb5a25ceb5532d5d66079318ee6b80c3ef8c1bcee59a634e19a551f44b6f3ae8"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"Checkout_CompleteTestPaymentMutation"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CompleteTestPaymentInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"completeTestPayment"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Payment"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"photoCount"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Error"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<Checkout_CompleteTestPaymentMutationMutation, Checkout_CompleteTestPaymentMutationMutationVariables>;
export const GallerySection_PhotosQueryDocument = {"__meta__":{"hash":"sha256:9c2ef4e13a40264abf1d76e9600ca5418c54a5b5cfa585dda4723fb77395ea0a"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"GallerySection_PhotosQuery"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"avatarId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"styleId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"styles"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"node"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"avatarId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Avatar"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"generatedPhotos"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}},{"kind":"Argument","name":{"kind":"Name","value":"styleId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"styleId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"PhotoTile_PhotoFragment"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"sharedGalleries"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"5"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"revokedAt"}}]}}]}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PhotoTile_PhotoFragment"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"GeneratedPhoto"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"imageUrl"}},{"kind":"Field","name":{"kind":"Name","value":"thumbnailUrl"}},{"kind":"Field","name":{"kind":"Name","value":"isFavorite"}},{"kind":"Field","name":{"kind":"Name","value":"style"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<GallerySection_PhotosQueryQuery, GallerySection_PhotosQueryQueryVariables>;
export const GallerySection_ShareMutationDocument = {"__meta__":{"hash":"sha256:6b8b6bbb12bf484cfd8690929c0f9a8062ebcc2b2b29404f6831c0c7404f04b6"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"GallerySection_ShareMutation"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateSharedGalleryInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"createSharedGallery"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SharedGallery"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Error"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<GallerySection_ShareMutationMutation, GallerySection_ShareMutationMutationVariables>;
export const GenerateSection_OptionsQueryDocument = {"__meta__":{"hash":"sha256:52c254bdc805985ca598308de731892de1e14da919a470d8e32157ea9cef69fc"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"GenerateSection_OptionsQuery"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"avatarId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"styles"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"description"}}]}},{"kind":"Field","name":{"kind":"Name","value":"photoPacks"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"20"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"viewer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"availablePayment"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"photoCount"}},{"kind":"Field","name":{"kind":"Name","value":"tier"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"node"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"avatarId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Avatar"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"referencePhotoCount"}},{"kind":"Field","name":{"kind":"Name","value":"latestJob"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"progress"}},{"kind":"Field","name":{"kind":"Name","value":"completedPhotos"}},{"kind":"Field","name":{"kind":"Name","value":"totalPhotos"}}]}}]}}]}}]}}]} as unknown as DocumentNode<GenerateSection_OptionsQueryQuery, GenerateSection_OptionsQueryQueryVariables>;
export const GenerateSection_StartMutationDocument = {"__meta__":{"hash":"sha256:1887dfefcac79a436320d5c93fcb5d3556bd9b9026b06057c69ff809eab07613"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"GenerateSection_StartMutation"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"StartGenerationInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"startGeneration"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"GenerationJob"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Error"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ValidationError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"fieldErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]}}]} as unknown as DocumentNode<GenerateSection_StartMutationMutation, GenerateSection_StartMutationMutationVariables>;
export const OperatorShell_AdminMeQueryDocument = {"__meta__":{"hash":"sha256:e4126834a8c5d60b94e49cd7e42a51a7ea7c86f7755b95608033fe0af28ff59d"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"OperatorShell_AdminMeQuery"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"adminMe"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"username"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"role"}}]}}]}}]} as unknown as DocumentNode<OperatorShell_AdminMeQueryQuery, OperatorShell_AdminMeQueryQueryVariables>;
export const OperatorShell_SignOutMutationDocument = {"__meta__":{"hash":"sha256:52efc74bbd91c90585db116c0673920b4be15339d874ffac9621e54fd237b265"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"OperatorShell_SignOutMutation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"adminSignOut"}}]}}]} as unknown as DocumentNode<OperatorShell_SignOutMutationMutation, OperatorShell_SignOutMutationMutationVariables>;
export const PhotoTile_FavoriteMutationDocument = {"__meta__":{"hash":"sha256:01918c37ea3d834783cc0979da6a655ab48688969f7e1c331b5141396ec886b2"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"PhotoTile_FavoriteMutation"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"FavoritePhotoInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"favoritePhoto"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"GeneratedPhoto"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"isFavorite"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Error"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<PhotoTile_FavoriteMutationMutation, PhotoTile_FavoriteMutationMutationVariables>;
export const PhotoTile_UnfavoriteMutationDocument = {"__meta__":{"hash":"sha256:51535763daa4adad9352b09991a55699bfb519ff61c8fa2b0a909c32987d9eed"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"PhotoTile_UnfavoriteMutation"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UnfavoritePhotoInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"unfavoritePhoto"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"GeneratedPhoto"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"isFavorite"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Error"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<PhotoTile_UnfavoriteMutationMutation, PhotoTile_UnfavoriteMutationMutationVariables>;
export const ReferencePhotos_UploadMutationDocument = {"__meta__":{"hash":"sha256:88363d9498e7d15e26ccde09c98b342a33cca5cf0120d5493e47f51309187bdf"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ReferencePhotos_UploadMutation"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UploadReferencePhotosInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"uploadReferencePhotos"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UploadReferencePhotosPayload"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"photos"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"avatar"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"referencePhotoCount"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Error"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ValidationError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"fieldErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]}}]} as unknown as DocumentNode<ReferencePhotos_UploadMutationMutation, ReferencePhotos_UploadMutationMutationVariables>;
export const ReferencePhotos_DeleteMutationDocument = {"__meta__":{"hash":"sha256:d43c5a84b2b62073c644e44b34dc25a156b32100716024d0332643e35bec382b"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ReferencePhotos_DeleteMutation"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"DeleteReferencePhotoInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"deleteReferencePhoto"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Error"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<ReferencePhotos_DeleteMutationMutation, ReferencePhotos_DeleteMutationMutationVariables>;
export const UserShell_ViewerQueryDocument = {"__meta__":{"hash":"sha256:9e54ce0c60cbf3b94f96bf12d418db688176d64ef4898ad19d5631eefb621146"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"UserShell_ViewerQuery"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"viewer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"telegramUsername"}}]}}]}}]} as unknown as DocumentNode<UserShell_ViewerQueryQuery, UserShell_ViewerQueryQueryVariables>;
export const UserShell_SignOutMutationDocument = {"__meta__":{"hash":"sha256:2c959fb5cc5cec97c6544796e307598d4000c25217a5bb59de1f4c89c9ed1eb5"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UserShell_SignOutMutation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"signOut"}}]}}]} as unknown as DocumentNode<UserShell_SignOutMutationMutation, UserShell_SignOutMutationMutationVariables>;
export const WithdrawalForm_RequestMutationDocument = {"__meta__":{"hash":"sha256:ad4e3a6f189017a5effc78eec3e81a58d65c8187dc5a9a843b219dade55b1947"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"WithdrawalForm_RequestMutation"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RequestWithdrawalInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"requestWithdrawal"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Withdrawal"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"payoutAmount"}},{"kind":"Field","name":{"kind":"Name","value":"ndflAmount"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Error"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ValidationError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"fieldErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]}}]} as unknown as DocumentNode<WithdrawalForm_RequestMutationMutation, WithdrawalForm_RequestMutationMutationVariables>;
export const AvatarPage_AvatarQueryDocument = {"__meta__":{"hash":"sha256:cd96270e9346717a88194af9440a85245fb1a38245640c8b4681e21302ea8e95"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AvatarPage_AvatarQuery"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Avatar"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"ReferencePhotos_AvatarFragment"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ReferencePhotos_AvatarFragment"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Avatar"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"referencePhotoCount"}},{"kind":"Field","name":{"kind":"Name","value":"referencePhotos"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"50"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"imageUrl"}},{"kind":"Field","name":{"kind":"Name","value":"originalFilename"}}]}}]}}]}}]}}]} as unknown as DocumentNode<AvatarPage_AvatarQueryQuery, AvatarPage_AvatarQueryQueryVariables>;
export const AvatarsPage_AvatarsQueryDocument = {"__meta__":{"hash":"sha256:2d0fb5e41b7b9e062b01b961e6c798ebae0713bb698f64dc3fc0dee9d00db245"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AvatarsPage_AvatarsQuery"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"viewer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"avatars"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"50"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"AvatarCard_AvatarFragment"}}]}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AvatarCard_AvatarFragment"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Avatar"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"thumbnailUrl"}},{"kind":"Field","name":{"kind":"Name","value":"referencePhotoCount"}},{"kind":"Field","name":{"kind":"Name","value":"generatedPhotoCount"}}]}}]} as unknown as DocumentNode<AvatarsPage_AvatarsQueryQuery, AvatarsPage_AvatarsQueryQueryVariables>;
export const AvatarsPage_CreateAvatarMutationDocument = {"__meta__":{"hash":"sha256:f909b68b143a34fe0bb4cfa45caf7a1f7aa28646d2744e7270117c8d9e7db1eb"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"AvatarsPage_CreateAvatarMutation"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateAvatarInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"createAvatar"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Avatar"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Error"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ValidationError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"fieldErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]}}]} as unknown as DocumentNode<AvatarsPage_CreateAvatarMutationMutation, AvatarsPage_CreateAvatarMutationMutationVariables>;
export const GenerationPage_JobSubscriptionDocument = {"__meta__":{"hash":"sha256:7e9aeb395fbc69ef4fe9275057a52e5651e220a05abbb4f3c0f7863342802b1d"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"GenerationPage_JobSubscription"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"jobId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"generationJobUpdated"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"jobId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"jobId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"progress"}},{"kind":"Field","name":{"kind":"Name","value":"completedPhotos"}},{"kind":"Field","name":{"kind":"Name","value":"totalPhotos"}},{"kind":"Field","name":{"kind":"Name","value":"errorMessage"}},{"kind":"Field","name":{"kind":"Name","value":"avatar"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"style"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"pack"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"generatedPhotos"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"50"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"PhotoTile_PhotoFragment"}}]}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PhotoTile_PhotoFragment"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"GeneratedPhoto"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"imageUrl"}},{"kind":"Field","name":{"kind":"Name","value":"thumbnailUrl"}},{"kind":"Field","name":{"kind":"Name","value":"isFavorite"}},{"kind":"Field","name":{"kind":"Name","value":"style"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<GenerationPage_JobSubscriptionSubscription, GenerationPage_JobSubscriptionSubscriptionVariables>;
export const ContentPage_ContentQueryDocument = {"__meta__":{"hash":"sha256:7bf5ada272b94b7ca4d7c326f8361d71fce9b9dfc59a0e442e4af00af2768af6"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ContentPage_ContentQuery"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"search"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"admin"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"savedPrompts"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"50"}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"search"},"value":{"kind":"Variable","name":{"kind":"Name","value":"search"}}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"prompt"}},{"kind":"Field","name":{"kind":"Name","value":"isActive"}},{"kind":"Field","name":{"kind":"Name","value":"tags"}},{"kind":"Field","name":{"kind":"Name","value":"packItemCount"}},{"kind":"Field","name":{"kind":"Name","value":"style"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"photoPacks"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"50"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"isActive"}},{"kind":"Field","name":{"kind":"Name","value":"coverUrl"}},{"kind":"Field","name":{"kind":"Name","value":"allItems"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"1"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"totalCount"}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<ContentPage_ContentQueryQuery, ContentPage_ContentQueryQueryVariables>;
export const ContentPage_DeactivatePromptMutationDocument = {"__meta__":{"hash":"sha256:4094f3405eda97d9a43132afa24042bb53988ee4d4ed4f0f9a2d81d0477a0b92"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ContentPage_DeactivatePromptMutation"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"DeactivateSavedPromptInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"deactivateSavedPrompt"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SavedPrompt"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"isActive"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Error"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<ContentPage_DeactivatePromptMutationMutation, ContentPage_DeactivatePromptMutationMutationVariables>;
export const ContentPage_TogglePackMutationDocument = {"__meta__":{"hash":"sha256:ad29f2d0b6f6a33e9de07950cfac12fab1b6def41bac4d8b346d3dbcbf6f4df8"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ContentPage_TogglePackMutation"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdatePhotoPackInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"updatePhotoPack"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"PhotoPack"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"isActive"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Error"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<ContentPage_TogglePackMutationMutation, ContentPage_TogglePackMutationMutationVariables>;
export const OperatorSignInPage_SignInMutationDocument = {"__meta__":{"hash":"sha256:75962c03fed20599bf1380c3f6be87297f030ffb8de61fe983f544481b0e557e"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"OperatorSignInPage_SignInMutation"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"AdminSignInInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"adminSignIn"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AdminSignInPayload"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"token"}},{"kind":"Field","name":{"kind":"Name","value":"admin"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"role"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Error"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AccountLockedError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"lockedUntil"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ValidationError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"fieldErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]}}]} as unknown as DocumentNode<OperatorSignInPage_SignInMutationMutation, OperatorSignInPage_SignInMutationMutationVariables>;
export const OperatorTicketPage_TicketQueryDocument = {"__meta__":{"hash":"sha256:20e160764c7e65af42bec0b6dcd370514ccef88857dd7a5cfd5d133157c9998c"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"OperatorTicketPage_TicketQuery"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SupportTicket"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"subject"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"priority"}},{"kind":"Field","name":{"kind":"Name","value":"category"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"desk"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"contactName"}},{"kind":"Field","name":{"kind":"Name","value":"telegramUsername"}},{"kind":"Field","name":{"kind":"Name","value":"slaState"}},{"kind":"Field","name":{"kind":"Name","value":"firstResponseDueAt"}},{"kind":"Field","name":{"kind":"Name","value":"resolutionDueAt"}},{"kind":"Field","name":{"kind":"Name","value":"user"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"assignedTo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"username"}}]}},{"kind":"Field","name":{"kind":"Name","value":"conversation"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"body"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"senderType"}},{"kind":"Field","name":{"kind":"Name","value":"senderName"}},{"kind":"Field","name":{"kind":"Name","value":"isInternal"}}]}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<OperatorTicketPage_TicketQueryQuery, OperatorTicketPage_TicketQueryQueryVariables>;
export const OperatorTicketPage_MessageAddedSubscriptionDocument = {"__meta__":{"hash":"sha256:b5ffef7704118773fbb1394fc2d7ae6d3779b9c55a502164085addaec2e31e47"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"OperatorTicketPage_MessageAddedSubscription"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"ticketId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"supportTicketMessageAdded"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"ticketId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"ticketId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"body"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"senderType"}},{"kind":"Field","name":{"kind":"Name","value":"senderName"}},{"kind":"Field","name":{"kind":"Name","value":"isInternal"}}]}}]}}]} as unknown as DocumentNode<OperatorTicketPage_MessageAddedSubscriptionSubscription, OperatorTicketPage_MessageAddedSubscriptionSubscriptionVariables>;
export const OperatorTicketPage_ReplyMutationDocument = {"__meta__":{"hash":"sha256:f4139a1a7dab457f6487c2befdc4e1d67f95b5e19479243e68d2984fa97d6324"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"OperatorTicketPage_ReplyMutation"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ReplyToTicketInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"replyToTicket"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SupportTicketMessage"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"body"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"senderType"}},{"kind":"Field","name":{"kind":"Name","value":"senderName"}},{"kind":"Field","name":{"kind":"Name","value":"isInternal"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Error"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ValidationError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"fieldErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]}}]} as unknown as DocumentNode<OperatorTicketPage_ReplyMutationMutation, OperatorTicketPage_ReplyMutationMutationVariables>;
export const PaymentsPage_PaymentsQueryDocument = {"__meta__":{"hash":"sha256:bf7bea4b4462979a6223c78cd881dccab1051a33f2a63cbd49308f6a9faed15f"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PaymentsPage_PaymentsQuery"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"AdminPaymentFilter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"admin"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"payments"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"50"}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"isTestMode"}},{"kind":"Field","name":{"kind":"Name","value":"photoCount"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"tier"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"user"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"telegramUsername"}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<PaymentsPage_PaymentsQueryQuery, PaymentsPage_PaymentsQueryQueryVariables>;
export const TicketQueuePage_QueueQueryDocument = {"__meta__":{"hash":"sha256:07f421975378b0b6754d0c3cb6f27d84634a18f31af7f5acd997c178453b5db1"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"TicketQueuePage_QueueQuery"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"SupportQueueFilter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"admin"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"supportQueue"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"50"}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"subject"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"priority"}},{"kind":"Field","name":{"kind":"Name","value":"category"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"desk"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"contactName"}},{"kind":"Field","name":{"kind":"Name","value":"telegramUsername"}},{"kind":"Field","name":{"kind":"Name","value":"slaState"}},{"kind":"Field","name":{"kind":"Name","value":"assignedTo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"username"}}]}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<TicketQueuePage_QueueQueryQuery, TicketQueuePage_QueueQueryQueryVariables>;
export const TicketQueuePage_QueueUpdatedSubscriptionDocument = {"__meta__":{"hash":"sha256:fc6d39ac2e4438b3bca25ab2e24d247db6526f3abd58cb457b1256d8ac6890dd"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"TicketQueuePage_QueueUpdatedSubscription"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"supportQueueUpdated"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}}]}}]}}]} as unknown as DocumentNode<TicketQueuePage_QueueUpdatedSubscriptionSubscription, TicketQueuePage_QueueUpdatedSubscriptionSubscriptionVariables>;
export const UsersPage_UsersQueryDocument = {"__meta__":{"hash":"sha256:dfef054597112aba383e7dde5c2ef095f2826455c18c388fc218eafff1f6bc21"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"UsersPage_UsersQuery"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"AdminUsersFilter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"admin"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"users"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"50"}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"telegramUsername"}},{"kind":"Field","name":{"kind":"Name","value":"telegramUserId"}},{"kind":"Field","name":{"kind":"Name","value":"isPro"}},{"kind":"Field","name":{"kind":"Name","value":"isBanned"}},{"kind":"Field","name":{"kind":"Name","value":"banReason"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<UsersPage_UsersQueryQuery, UsersPage_UsersQueryQueryVariables>;
export const WithdrawalsPage_WithdrawalsQueryDocument = {"__meta__":{"hash":"sha256:d2751cad10597081c9ce291fd07b8067f7cdac25669d3d37a6774b24e811663f"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"WithdrawalsPage_WithdrawalsQuery"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"AdminWithdrawalsFilter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"admin"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"withdrawals"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"50"}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"method"}},{"kind":"Field","name":{"kind":"Name","value":"destination"}},{"kind":"Field","name":{"kind":"Name","value":"recipientName"}},{"kind":"Field","name":{"kind":"Name","value":"payoutAmount"}},{"kind":"Field","name":{"kind":"Name","value":"ndflAmount"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"rejectionReason"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"user"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"telegramUsername"}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<WithdrawalsPage_WithdrawalsQueryQuery, WithdrawalsPage_WithdrawalsQueryQueryVariables>;
export const WithdrawalsPage_ApproveMutationDocument = {"__meta__":{"hash":"sha256:e55e55eb21dc1b7bb57ff5e3e17302e3c081eff5c26f0ffb2e3a0898e0a983f8"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"WithdrawalsPage_ApproveMutation"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ApproveWithdrawalInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"approveWithdrawal"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Withdrawal"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Error"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<WithdrawalsPage_ApproveMutationMutation, WithdrawalsPage_ApproveMutationMutationVariables>;
export const WithdrawalsPage_RejectMutationDocument = {"__meta__":{"hash":"sha256:e72afcbb5076f9e04541f3cf5cfd9b1025c827099534d6c8a044788845755253"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"WithdrawalsPage_RejectMutation"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RejectWithdrawalInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"rejectWithdrawal"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Withdrawal"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"rejectionReason"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Error"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ValidationError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"fieldErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]}}]} as unknown as DocumentNode<WithdrawalsPage_RejectMutationMutation, WithdrawalsPage_RejectMutationMutationVariables>;
export const PricingPage_TiersQueryDocument = {"__meta__":{"hash":"sha256:23a7d4107a6f6775be08959548914564a034efe1eeb726f436242d1916c08378"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PricingPage_TiersQuery"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"pricingTiers"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"price"}},{"kind":"Field","name":{"kind":"Name","value":"photoCount"}},{"kind":"Field","name":{"kind":"Name","value":"isPopular"}}]}},{"kind":"Field","name":{"kind":"Name","value":"paymentProviders"}}]}}]} as unknown as DocumentNode<PricingPage_TiersQueryQuery, PricingPage_TiersQueryQueryVariables>;
export const PricingPage_QuoteQueryDocument = {"__meta__":{"hash":"sha256:8195706c1a5bfa49b9c2a00e95e1ee04ad378e4cef2b1ed8d4195210bc8a00e8"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PricingPage_QuoteQuery"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"tierId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"promoCode"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"paymentQuote"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"tierId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"tierId"}}},{"kind":"Argument","name":{"kind":"Name","value":"promoCode"},"value":{"kind":"Variable","name":{"kind":"Name","value":"promoCode"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"discount"}},{"kind":"Field","name":{"kind":"Name","value":"promoCode"}},{"kind":"Field","name":{"kind":"Name","value":"promoError"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}}]}}]}}]}}]} as unknown as DocumentNode<PricingPage_QuoteQueryQuery, PricingPage_QuoteQueryQueryVariables>;
export const PricingPage_CreatePaymentMutationDocument = {"__meta__":{"hash":"sha256:337b6670cf3ab78172162b983ca76bc609de127729f5621b96bf62f3cd785fc3"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"PricingPage_CreatePaymentMutation"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreatePaymentInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"createPayment"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CreatePaymentPayload"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"payment"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"checkout"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"TestModeCheckout"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"paymentId"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"RedirectCheckout"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"url"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"TelegramInvoiceCheckout"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"invoiceLink"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"TonTransferCheckout"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"address"}},{"kind":"Field","name":{"kind":"Name","value":"amountTon"}},{"kind":"Field","name":{"kind":"Name","value":"comment"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}}]}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Error"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ValidationError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"fieldErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]}}]} as unknown as DocumentNode<PricingPage_CreatePaymentMutationMutation, PricingPage_CreatePaymentMutationMutationVariables>;
export const ReferralsPage_ProgramQueryDocument = {"__meta__":{"hash":"sha256:cb3eb73f7d550b2908c6432934e46b728021d07f6794e09a99d9706bb1799f5d"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ReferralsPage_ProgramQuery"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"viewer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"referralProgram"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"code"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}},{"kind":"Field","name":{"kind":"Name","value":"commissionRate"}},{"kind":"Field","name":{"kind":"Name","value":"referralsCount"}},{"kind":"Field","name":{"kind":"Name","value":"isPartner"}},{"kind":"Field","name":{"kind":"Name","value":"balance"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"rub"}},{"kind":"Field","name":{"kind":"Name","value":"ton"}}]}},{"kind":"Field","name":{"kind":"Name","value":"earned"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"rub"}},{"kind":"Field","name":{"kind":"Name","value":"ton"}}]}},{"kind":"Field","name":{"kind":"Name","value":"earnings"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"20"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"referredUserName"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"balanceTransactions"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"20"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"balanceAfter"}},{"kind":"Field","name":{"kind":"Name","value":"note"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"withdrawals"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"20"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"method"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"payoutAmount"}},{"kind":"Field","name":{"kind":"Name","value":"ndflAmount"}},{"kind":"Field","name":{"kind":"Name","value":"rejectionReason"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<ReferralsPage_ProgramQueryQuery, ReferralsPage_ProgramQueryQueryVariables>;
export const ReferralsPage_CreateCodeMutationDocument = {"__meta__":{"hash":"sha256:f5779f08fe89cbf7859ec8caf6cb2d3c7d448b638c6650e8e93f9eea0db8d55e"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ReferralsPage_CreateCodeMutation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"createReferralCode"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ReferralCode"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Error"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<ReferralsPage_CreateCodeMutationMutation, ReferralsPage_CreateCodeMutationMutationVariables>;
export const SharedGalleryPage_GalleryQueryDocument = {"__meta__":{"hash":"sha256:6710b3be27040f28f7ea4859d4a97097676d64922abb83302129e1395fb2235c"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"SharedGalleryPage_GalleryQuery"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"token"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"sharedGallery"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"token"},"value":{"kind":"Variable","name":{"kind":"Name","value":"token"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"avatarName"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"photos"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"imageUrl"}},{"kind":"Field","name":{"kind":"Name","value":"thumbnailUrl"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<SharedGalleryPage_GalleryQueryQuery, SharedGalleryPage_GalleryQueryQueryVariables>;
export const SignInPage_SignInMutationDocument = {"__meta__":{"hash":"sha256:802774866bd3329c91843736074264e9c5ff5f4206829c0b5c80331a339bc443"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SignInPage_SignInMutation"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SignInWithTelegramInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"signInWithTelegram"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SignInPayload"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"token"}},{"kind":"Field","name":{"kind":"Name","value":"isNewUser"}},{"kind":"Field","name":{"kind":"Name","value":"user"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Error"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ValidationError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"fieldErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]}}]} as unknown as DocumentNode<SignInPage_SignInMutationMutation, SignInPage_SignInMutationMutationVariables>;
export const SignInPage_WidgetSignInMutationDocument = {"__meta__":{"hash":"sha256:bd51f4bb5ba83af1fff2b879ad7960630013279ffeb35ff220b1303e2399d090"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SignInPage_WidgetSignInMutation"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SignInWithTelegramWidgetInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"signInWithTelegramWidget"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SignInPayload"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"token"}},{"kind":"Field","name":{"kind":"Name","value":"isNewUser"}},{"kind":"Field","name":{"kind":"Name","value":"user"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Error"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ValidationError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"fieldErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]}}]} as unknown as DocumentNode<SignInPage_WidgetSignInMutationMutation, SignInPage_WidgetSignInMutationMutationVariables>;
export const SupportPage_TicketsQueryDocument = {"__meta__":{"hash":"sha256:bf552f59c50cbfe3453ffb9b8418a890d54c5a13e391e81129332b0d0b2b6a7b"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"SupportPage_TicketsQuery"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"viewer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"supportTickets"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"30"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"subject"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"category"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<SupportPage_TicketsQueryQuery, SupportPage_TicketsQueryQueryVariables>;
export const SupportPage_OpenTicketMutationDocument = {"__meta__":{"hash":"sha256:55847825929666d42fe2a5fda1aa88f55ab28a8dee3e13fbe975ebae72119150"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SupportPage_OpenTicketMutation"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"OpenSupportTicketInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"openSupportTicket"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SupportTicket"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"number"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Error"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ValidationError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"fieldErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]}}]} as unknown as DocumentNode<SupportPage_OpenTicketMutationMutation, SupportPage_OpenTicketMutationMutationVariables>;
export const SupportTicketPage_TicketQueryDocument = {"__meta__":{"hash":"sha256:712132d9df8d54e4a253ced33e2550eeea0e7cfcced19bc345616f1d00d627e7"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"SupportTicketPage_TicketQuery"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SupportTicket"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"subject"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"messages"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"body"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"senderType"}},{"kind":"Field","name":{"kind":"Name","value":"senderName"}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<SupportTicketPage_TicketQueryQuery, SupportTicketPage_TicketQueryQueryVariables>;
export const SupportTicketPage_MessageAddedSubscriptionDocument = {"__meta__":{"hash":"sha256:a9c4e0df439d2c4270f7358d6de8083e124dfffc2c448138502fbdde64a2815c"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"SupportTicketPage_MessageAddedSubscription"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"ticketId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"supportTicketMessageAdded"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"ticketId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"ticketId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"body"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"senderType"}},{"kind":"Field","name":{"kind":"Name","value":"senderName"}}]}}]}}]} as unknown as DocumentNode<SupportTicketPage_MessageAddedSubscriptionSubscription, SupportTicketPage_MessageAddedSubscriptionSubscriptionVariables>;
export const SupportTicketPage_TicketUpdatedSubscriptionDocument = {"__meta__":{"hash":"sha256:9d8c8adcb2f3190c9588b674c2808e199567e4ca9ddfaf50ea04d6bba028e8e3"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"SupportTicketPage_TicketUpdatedSubscription"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"ticketId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"supportTicketUpdated"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"ticketId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"ticketId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]} as unknown as DocumentNode<SupportTicketPage_TicketUpdatedSubscriptionSubscription, SupportTicketPage_TicketUpdatedSubscriptionSubscriptionVariables>;
export const SupportTicketPage_PostMutationDocument = {"__meta__":{"hash":"sha256:7fe69aafce2176b680256375253ab1fc9c5301668fcf4ba01e9e5a62e7dbdbbe"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SupportTicketPage_PostMutation"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"PostSupportMessageInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"postSupportMessage"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SupportTicketMessage"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"body"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"senderType"}},{"kind":"Field","name":{"kind":"Name","value":"senderName"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Error"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ValidationError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"fieldErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]}}]} as unknown as DocumentNode<SupportTicketPage_PostMutationMutation, SupportTicketPage_PostMutationMutationVariables>;