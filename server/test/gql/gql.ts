/* eslint-disable */
import * as types from './graphql.js';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query Api_Catalogue {\n    pricingTiers { id code name price photoCount isPopular }\n    styles { id code name description }\n  }\n": typeof types.Api_CatalogueDocument,
    "\n  query Api_Node($id: ID!) {\n    node(id: $id) {\n      id\n      ... on PricingTier { code price }\n      ... on User { name }\n    }\n  }\n": typeof types.Api_NodeDocument,
    "\n  query Api_Viewer { viewer { id name } }\n": typeof types.Api_ViewerDocument,
    "\n  mutation Auth_SignIn($input: SignInWithTelegramInput!) {\n    signInWithTelegram(input: $input) {\n      __typename\n      ... on SignInPayload {\n        token\n        expiresAt\n        isNewUser\n        user { id telegramUserId telegramUsername name identities { provider } }\n      }\n      ... on Error { code message }\n      ... on ValidationError { fieldErrors { field message } }\n    }\n  }\n": typeof types.Auth_SignInDocument,
    "\n  mutation Auth_SignInWidget($input: SignInWithTelegramWidgetInput!) {\n    signInWithTelegramWidget(input: $input) {\n      __typename\n      ... on SignInPayload { token isNewUser user { id telegramUserId name } }\n      ... on Error { code message }\n    }\n  }\n": typeof types.Auth_SignInWidgetDocument,
    "\n  mutation Auth_SignOut { signOut }\n": typeof types.Auth_SignOutDocument,
    "\n  query Auth_Viewer { viewer { id name telegramUserId } }\n": typeof types.Auth_ViewerDocument,
    "\n  query Catalogue_PhotoPacks($first: Int, $after: String) {\n    photoPacks(first: $first, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges {\n        node {\n          id\n          name\n          description\n          coverUrl\n          isActive\n          items(first: 50) {\n            totalCount\n            edges { node { id position title previewUrl } }\n          }\n        }\n      }\n    }\n  }\n": typeof types.Catalogue_PhotoPacksDocument,
    "\n  query Catalogue_PhotoPack($id: ID!) {\n    photoPack(id: $id) { id name items { edges { node { position title } } } }\n  }\n": typeof types.Catalogue_PhotoPackDocument,
    "\n  query Catalogue_Node($id: ID!) {\n    node(id: $id) {\n      id\n      ... on PricingTier { code }\n      ... on Style { code }\n      ... on PhotoPack { name }\n      ... on PackItem { title }\n    }\n  }\n": typeof types.Catalogue_NodeDocument,
    "\n  query Catalogue_Styles {\n    styles { code promptCount }\n    pricingTiers { code }\n  }\n": typeof types.Catalogue_StylesDocument,
    "\n  query Generation_AvatarJobs($id: ID!) {\n    node(id: $id) {\n      ... on Avatar {\n        latestJob { id status totalPhotos completedPhotos progress style { code } pack { name } }\n        generationJobs(first: 10) {\n          totalCount\n          edges {\n            node {\n              id status progress errorMessage startedAt completedAt createdAt\n              tasks(first: 20) { totalCount edges { node { promptIndex status attempts maxAttempts errorMessage resultUrl } } }\n            }\n          }\n        }\n      }\n    }\n  }\n": typeof types.Generation_AvatarJobsDocument,
    "\n  query Generation_JobNode($id: ID!) {\n    node(id: $id) {\n      id\n      ... on GenerationJob {\n        status\n        avatar { name }\n        pack { name }\n        style { code }\n        tasks(first: 10) { edges { node { id promptIndex status } } }\n        generatedPhotos(first: 10) { totalCount edges { node { imageUrl job { id } } } }\n      }\n    }\n  }\n": typeof types.Generation_JobNodeDocument,
    "\n  query Generation_TaskNodes($ids: [ID!]!) {\n    nodes(ids: $ids) { id ... on GenerationTask { promptIndex status } }\n  }\n": typeof types.Generation_TaskNodesDocument,
    "\n  query Generation_TaskFields {\n    task: __type(name: \"GenerationTask\") { fields { name } }\n    job: __type(name: \"GenerationJob\") { fields { name } }\n  }\n": typeof types.Generation_TaskFieldsDocument,
    "\n  query Nesting_Headline {\n    viewer {\n      avatars(first: 50) {\n        edges {\n          node {\n            name\n            latestJob { status completedPhotos totalPhotos }\n            referencePhotos(first: 10) { edges { node { imageUrl } } }\n            generatedPhotos(first: 20) { edges { node { imageUrl isFavorite style { name } } } }\n          }\n        }\n      }\n    }\n  }\n": typeof types.Nesting_HeadlineDocument,
    "\n  query Nesting_Favorites {\n    viewer {\n      favoritePhotos(first: 100) {\n        edges { favoritedAt node { id imageUrl isFavorite style { name } avatar { name } } }\n      }\n    }\n  }\n": typeof types.Nesting_FavoritesDocument,
    "\n  query Nesting_JobsAndTasks {\n    viewer {\n      avatars(first: 50) {\n        edges {\n          node {\n            latestJob { id status }\n            generationJobs(first: 10) {\n              totalCount\n              edges {\n                node {\n                  status progress style { name }\n                  tasks(first: 50) { totalCount edges { node { promptIndex status attempts } } }\n                }\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n": typeof types.Nesting_JobsAndTasksDocument,
    "\n  query Nesting_Gallery($token: String!) {\n    sharedGallery(token: $token) {\n      avatarName\n      photos(first: 100) { edges { node { imageUrl thumbnailUrl createdAt } } }\n    }\n  }\n": typeof types.Nesting_GalleryDocument,
    "\n  query Payments_ViewerPayments($first: Int, $status: PaymentStatus) {\n    viewer {\n      id\n      payments(first: $first, status: $status) {\n        totalCount\n        edges {\n          node {\n            id\n            provider\n            status\n            amount\n            currency\n            originalAmount\n            originalCurrency\n            exchangeRate\n            starsAmount\n            tonAmount\n            reference\n            photoCount\n            refundAmount\n            refundStatus\n            refundedAt\n            consumed\n            consumedAt\n            isTestMode\n            createdAt\n            tier { id code price }\n          }\n        }\n      }\n    }\n  }\n": typeof types.Payments_ViewerPaymentsDocument,
    "\n  query Payments_AvailablePayment {\n    viewer { id availablePayment { id amount consumed tier { code } } }\n  }\n": typeof types.Payments_AvailablePaymentDocument,
    "\n  query Payments_IsPro {\n    viewer { id isPro availablePayment { id } }\n  }\n": typeof types.Payments_IsProDocument,
    "\n  query Payments_ViewerId { viewer { id } }\n": typeof types.Payments_ViewerIdDocument,
    "\n  query Payments_Node($id: ID!) {\n    node(id: $id) { id ... on Payment { amount status } }\n  }\n": typeof types.Payments_NodeDocument,
    "\n  mutation Photos_CreateAvatar($input: CreateAvatarInput!) {\n    createAvatar(input: $input) {\n      __typename\n      ... on Avatar { id name status referencePhotoCount generatedPhotoCount latestJob { id } }\n      ... on Error { code message }\n      ... on ValidationError { fieldErrors { field message } }\n    }\n  }\n": typeof types.Photos_CreateAvatarDocument,
    "\n  mutation Photos_RenameAvatar($input: RenameAvatarInput!) {\n    renameAvatar(input: $input) {\n      __typename\n      ... on Avatar { id name }\n      ... on Error { code }\n      ... on ValidationError { fieldErrors { field } }\n    }\n  }\n": typeof types.Photos_RenameAvatarDocument,
    "\n  mutation Photos_DeleteAvatar($input: DeleteAvatarInput!) {\n    deleteAvatar(input: $input) {\n      __typename\n      ... on DeleteAvatarPayload { deletedAvatarId }\n      ... on Error { code }\n    }\n  }\n": typeof types.Photos_DeleteAvatarDocument,
    "\n  query Photos_MyAvatars {\n    viewer {\n      avatars(first: 10) {\n        totalCount\n        edges { node { id name status referencePhotoCount generatedPhotoCount } }\n      }\n    }\n  }\n": typeof types.Photos_MyAvatarsDocument,
    "\n  query Photos_Node($id: ID!) {\n    node(id: $id) {\n      id\n      ... on Avatar { name }\n      ... on ReferencePhoto { imageUrl mimeType }\n      ... on GeneratedPhoto { imageUrl prompt isFavorite }\n      ... on SharedGallery { token }\n    }\n  }\n": typeof types.Photos_NodeDocument,
    "\n  mutation Photos_Upload($input: UploadReferencePhotosInput!) {\n    uploadReferencePhotos(input: $input) {\n      __typename\n      ... on UploadReferencePhotosPayload {\n        avatar { referencePhotoCount }\n        photos { id imageUrl originalFilename mimeType sizeBytes }\n      }\n      ... on Error { code message }\n      ... on ValidationError { fieldErrors { field message } }\n    }\n  }\n": typeof types.Photos_UploadDocument,
    "\n  mutation Photos_DeleteReferencePhoto($input: DeleteReferencePhotoInput!) {\n    deleteReferencePhoto(input: $input) {\n      __typename\n      ... on DeleteReferencePhotoPayload { deletedPhotoId avatar { referencePhotoCount } }\n      ... on Error { code }\n    }\n  }\n": typeof types.Photos_DeleteReferencePhotoDocument,
    "\n  query Photos_AvatarPhotos($id: ID!, $styleId: ID) {\n    node(id: $id) {\n      ... on Avatar {\n        referencePhotos(first: 20) { totalCount edges { node { id imageUrl } } }\n        generatedPhotos(first: 20, styleId: $styleId) {\n          totalCount\n          edges { node { id imageUrl prompt isFavorite style { code } } }\n        }\n      }\n    }\n  }\n": typeof types.Photos_AvatarPhotosDocument,
    "\n  mutation Photos_Favorite($input: FavoritePhotoInput!) {\n    favoritePhoto(input: $input) {\n      __typename\n      ... on GeneratedPhoto { id isFavorite }\n      ... on Error { code }\n    }\n  }\n": typeof types.Photos_FavoriteDocument,
    "\n  mutation Photos_Unfavorite($input: UnfavoritePhotoInput!) {\n    unfavoritePhoto(input: $input) {\n      __typename\n      ... on GeneratedPhoto { id isFavorite }\n      ... on Error { code }\n    }\n  }\n": typeof types.Photos_UnfavoriteDocument,
    "\n  query Photos_FavoritePhotos($first: Int = 10, $after: String) {\n    viewer {\n      favoritePhotos(first: $first, after: $after) {\n        pageInfo { hasNextPage endCursor }\n        edges { favoritedAt node { id isFavorite } }\n      }\n    }\n  }\n": typeof types.Photos_FavoritePhotosDocument,
    "\n  mutation Photos_DeleteGeneratedPhoto($input: DeleteGeneratedPhotoInput!) {\n    deleteGeneratedPhoto(input: $input) {\n      __typename\n      ... on DeleteGeneratedPhotoPayload { deletedPhotoId }\n      ... on Error { code }\n    }\n  }\n": typeof types.Photos_DeleteGeneratedPhotoDocument,
    "\n  mutation Photos_CreateSharedGallery($input: CreateSharedGalleryInput!) {\n    createSharedGallery(input: $input) {\n      __typename\n      ... on SharedGallery { id token url expiresAt revokedAt viewCount avatar { name } }\n      ... on Error { code }\n      ... on ValidationError { fieldErrors { field } }\n    }\n  }\n": typeof types.Photos_CreateSharedGalleryDocument,
    "\n  mutation Photos_RevokeSharedGallery($input: RevokeSharedGalleryInput!) {\n    revokeSharedGallery(input: $input) {\n      __typename\n      ... on SharedGallery { id revokedAt }\n      ... on Error { code }\n    }\n  }\n": typeof types.Photos_RevokeSharedGalleryDocument,
    "\n  query Photos_PublicGallery($token: String!) {\n    sharedGallery(token: $token) {\n      __typename\n      avatarName\n      expiresAt\n      photos(first: 10) { edges { cursor node { imageUrl thumbnailUrl createdAt } } }\n    }\n  }\n": typeof types.Photos_PublicGalleryDocument,
    "\n  mutation Referrals_CreateCode {\n    createReferralCode {\n      __typename\n      ... on ReferralCode { id code isActive }\n      ... on Error { code message }\n    }\n  }\n": typeof types.Referrals_CreateCodeDocument,
    "\n  query Referrals_Program {\n    viewer {\n      referralProgram {\n        code { id code }\n        referralsCount\n        balance { rub ton }\n        earned { rub ton }\n        isPartner\n        commissionRate\n      }\n    }\n  }\n": typeof types.Referrals_ProgramDocument,
    "\n  query Referrals_Lists($first: Int) {\n    viewer {\n      referralProgram {\n        earned { rub ton }\n        balance { rub ton }\n        earnings(first: $first) {\n          totalCount\n          edges { node { id amount currency rate status referredUserName createdAt } }\n        }\n        balanceTransactions(first: $first) {\n          totalCount\n          edges { node { id kind amount currency balanceAfter createdAt } }\n        }\n        withdrawals(first: $first) {\n          totalCount\n          edges {\n            node {\n              id amount ndflAmount payoutAmount currency method status destination rejectionReason createdAt processedAt paidAt\n            }\n          }\n        }\n      }\n    }\n  }\n": typeof types.Referrals_ListsDocument,
    "\n  query Referrals_Node($id: ID!) {\n    node(id: $id) {\n      id\n      ... on ReferralCode { code }\n      ... on ReferralEarning { amount }\n      ... on BalanceTransaction { amount }\n      ... on Withdrawal { amount destination }\n      ... on PartnerApplication { contactName status }\n    }\n  }\n": typeof types.Referrals_NodeDocument,
    "\n  mutation Referrals_SubmitApplication($input: SubmitPartnerApplicationInput!) {\n    submitPartnerApplication(input: $input) {\n      __typename\n      ... on PartnerApplication {\n        id contactName contactEmail telegramUsername audienceSize promotionChannels note: message status reviewedAt\n      }\n      ... on ValidationError { code fieldErrors { field message } }\n      ... on Error { code message }\n    }\n  }\n": typeof types.Referrals_SubmitApplicationDocument,
    "\n  query Referrals_Applications {\n    viewer { partnerApplications(first: 10) { edges { node { id contactName status } } } }\n  }\n": typeof types.Referrals_ApplicationsDocument,
    "\n  mutation Support_Open($input: OpenSupportTicketInput!) {\n    openSupportTicket(input: $input) {\n      __typename\n      ... on SupportTicket {\n        id number subject category priority status createdAt resolvedAt closedAt rating ratingComment\n        messages(first: 10) { edges { node { id body senderType senderName createdAt } } }\n      }\n      ... on ValidationError { fieldErrors { field message } }\n      ... on Error { code message }\n    }\n  }\n": typeof types.Support_OpenDocument,
    "\n  mutation Support_Post($input: PostSupportMessageInput!) {\n    postSupportMessage(input: $input) {\n      __typename\n      ... on SupportTicketMessage { id body senderType senderName ticket { id status resolvedAt } }\n      ... on ValidationError { fieldErrors { field message } }\n      ... on Error { code message }\n    }\n  }\n": typeof types.Support_PostDocument,
    "\n  mutation Support_Rate($input: RateSupportTicketInput!) {\n    rateSupportTicket(input: $input) {\n      __typename\n      ... on SupportTicket { id status rating ratingComment }\n      ... on ValidationError { fieldErrors { field message } }\n      ... on Error { code message }\n    }\n  }\n": typeof types.Support_RateDocument,
    "\n  mutation Support_Close($input: CloseSupportTicketInput!) {\n    closeSupportTicket(input: $input) {\n      __typename\n      ... on SupportTicket { id status closedAt }\n      ... on Error { code message }\n    }\n  }\n": typeof types.Support_CloseDocument,
    "\n  query Support_Tickets($status: TicketStatus, $first: Int) {\n    viewer {\n      supportTickets(first: $first, status: $status) {\n        totalCount\n        edges {\n          node {\n            id number subject status updatedAt\n            messages(first: 20) {\n              edges { node { id body senderType senderName createdAt attachments { url name mimeType } } }\n            }\n          }\n        }\n      }\n    }\n  }\n": typeof types.Support_TicketsDocument,
    "\n  query Support_Node($id: ID!) {\n    node(id: $id) {\n      id\n      ... on SupportTicket { number subject messages(first: 20) { edges { node { body } } } }\n      ... on SupportTicketMessage { body }\n    }\n  }\n": typeof types.Support_NodeDocument,
    "\n  query Viewer_Profile {\n    viewer {\n      id name telegramUsername email isPro onboardingCompletedAt\n      identities { provider linkedAt }\n    }\n  }\n": typeof types.Viewer_ProfileDocument,
    "\n  mutation Viewer_UpdateProfile($input: UpdateProfileInput!) {\n    updateProfile(input: $input) {\n      __typename\n      ... on User { id name email }\n      ... on ValidationError { code fieldErrors { field message } }\n    }\n  }\n": typeof types.Viewer_UpdateProfileDocument,
    "\n  mutation Viewer_CompleteOnboarding { completeOnboarding { onboardingCompletedAt } }\n": typeof types.Viewer_CompleteOnboardingDocument,
    "\n  query Viewer_Node($id: ID!) { node(id: $id) { id ... on User { name email } } }\n": typeof types.Viewer_NodeDocument,
};
const documents: Documents = {
    "\n  query Api_Catalogue {\n    pricingTiers { id code name price photoCount isPopular }\n    styles { id code name description }\n  }\n": types.Api_CatalogueDocument,
    "\n  query Api_Node($id: ID!) {\n    node(id: $id) {\n      id\n      ... on PricingTier { code price }\n      ... on User { name }\n    }\n  }\n": types.Api_NodeDocument,
    "\n  query Api_Viewer { viewer { id name } }\n": types.Api_ViewerDocument,
    "\n  mutation Auth_SignIn($input: SignInWithTelegramInput!) {\n    signInWithTelegram(input: $input) {\n      __typename\n      ... on SignInPayload {\n        token\n        expiresAt\n        isNewUser\n        user { id telegramUserId telegramUsername name identities { provider } }\n      }\n      ... on Error { code message }\n      ... on ValidationError { fieldErrors { field message } }\n    }\n  }\n": types.Auth_SignInDocument,
    "\n  mutation Auth_SignInWidget($input: SignInWithTelegramWidgetInput!) {\n    signInWithTelegramWidget(input: $input) {\n      __typename\n      ... on SignInPayload { token isNewUser user { id telegramUserId name } }\n      ... on Error { code message }\n    }\n  }\n": types.Auth_SignInWidgetDocument,
    "\n  mutation Auth_SignOut { signOut }\n": types.Auth_SignOutDocument,
    "\n  query Auth_Viewer { viewer { id name telegramUserId } }\n": types.Auth_ViewerDocument,
    "\n  query Catalogue_PhotoPacks($first: Int, $after: String) {\n    photoPacks(first: $first, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges {\n        node {\n          id\n          name\n          description\n          coverUrl\n          isActive\n          items(first: 50) {\n            totalCount\n            edges { node { id position title previewUrl } }\n          }\n        }\n      }\n    }\n  }\n": types.Catalogue_PhotoPacksDocument,
    "\n  query Catalogue_PhotoPack($id: ID!) {\n    photoPack(id: $id) { id name items { edges { node { position title } } } }\n  }\n": types.Catalogue_PhotoPackDocument,
    "\n  query Catalogue_Node($id: ID!) {\n    node(id: $id) {\n      id\n      ... on PricingTier { code }\n      ... on Style { code }\n      ... on PhotoPack { name }\n      ... on PackItem { title }\n    }\n  }\n": types.Catalogue_NodeDocument,
    "\n  query Catalogue_Styles {\n    styles { code promptCount }\n    pricingTiers { code }\n  }\n": types.Catalogue_StylesDocument,
    "\n  query Generation_AvatarJobs($id: ID!) {\n    node(id: $id) {\n      ... on Avatar {\n        latestJob { id status totalPhotos completedPhotos progress style { code } pack { name } }\n        generationJobs(first: 10) {\n          totalCount\n          edges {\n            node {\n              id status progress errorMessage startedAt completedAt createdAt\n              tasks(first: 20) { totalCount edges { node { promptIndex status attempts maxAttempts errorMessage resultUrl } } }\n            }\n          }\n        }\n      }\n    }\n  }\n": types.Generation_AvatarJobsDocument,
    "\n  query Generation_JobNode($id: ID!) {\n    node(id: $id) {\n      id\n      ... on GenerationJob {\n        status\n        avatar { name }\n        pack { name }\n        style { code }\n        tasks(first: 10) { edges { node { id promptIndex status } } }\n        generatedPhotos(first: 10) { totalCount edges { node { imageUrl job { id } } } }\n      }\n    }\n  }\n": types.Generation_JobNodeDocument,
    "\n  query Generation_TaskNodes($ids: [ID!]!) {\n    nodes(ids: $ids) { id ... on GenerationTask { promptIndex status } }\n  }\n": types.Generation_TaskNodesDocument,
    "\n  query Generation_TaskFields {\n    task: __type(name: \"GenerationTask\") { fields { name } }\n    job: __type(name: \"GenerationJob\") { fields { name } }\n  }\n": types.Generation_TaskFieldsDocument,
    "\n  query Nesting_Headline {\n    viewer {\n      avatars(first: 50) {\n        edges {\n          node {\n            name\n            latestJob { status completedPhotos totalPhotos }\n            referencePhotos(first: 10) { edges { node { imageUrl } } }\n            generatedPhotos(first: 20) { edges { node { imageUrl isFavorite style { name } } } }\n          }\n        }\n      }\n    }\n  }\n": types.Nesting_HeadlineDocument,
    "\n  query Nesting_Favorites {\n    viewer {\n      favoritePhotos(first: 100) {\n        edges { favoritedAt node { id imageUrl isFavorite style { name } avatar { name } } }\n      }\n    }\n  }\n": types.Nesting_FavoritesDocument,
    "\n  query Nesting_JobsAndTasks {\n    viewer {\n      avatars(first: 50) {\n        edges {\n          node {\n            latestJob { id status }\n            generationJobs(first: 10) {\n              totalCount\n              edges {\n                node {\n                  status progress style { name }\n                  tasks(first: 50) { totalCount edges { node { promptIndex status attempts } } }\n                }\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n": types.Nesting_JobsAndTasksDocument,
    "\n  query Nesting_Gallery($token: String!) {\n    sharedGallery(token: $token) {\n      avatarName\n      photos(first: 100) { edges { node { imageUrl thumbnailUrl createdAt } } }\n    }\n  }\n": types.Nesting_GalleryDocument,
    "\n  query Payments_ViewerPayments($first: Int, $status: PaymentStatus) {\n    viewer {\n      id\n      payments(first: $first, status: $status) {\n        totalCount\n        edges {\n          node {\n            id\n            provider\n            status\n            amount\n            currency\n            originalAmount\n            originalCurrency\n            exchangeRate\n            starsAmount\n            tonAmount\n            reference\n            photoCount\n            refundAmount\n            refundStatus\n            refundedAt\n            consumed\n            consumedAt\n            isTestMode\n            createdAt\n            tier { id code price }\n          }\n        }\n      }\n    }\n  }\n": types.Payments_ViewerPaymentsDocument,
    "\n  query Payments_AvailablePayment {\n    viewer { id availablePayment { id amount consumed tier { code } } }\n  }\n": types.Payments_AvailablePaymentDocument,
    "\n  query Payments_IsPro {\n    viewer { id isPro availablePayment { id } }\n  }\n": types.Payments_IsProDocument,
    "\n  query Payments_ViewerId { viewer { id } }\n": types.Payments_ViewerIdDocument,
    "\n  query Payments_Node($id: ID!) {\n    node(id: $id) { id ... on Payment { amount status } }\n  }\n": types.Payments_NodeDocument,
    "\n  mutation Photos_CreateAvatar($input: CreateAvatarInput!) {\n    createAvatar(input: $input) {\n      __typename\n      ... on Avatar { id name status referencePhotoCount generatedPhotoCount latestJob { id } }\n      ... on Error { code message }\n      ... on ValidationError { fieldErrors { field message } }\n    }\n  }\n": types.Photos_CreateAvatarDocument,
    "\n  mutation Photos_RenameAvatar($input: RenameAvatarInput!) {\n    renameAvatar(input: $input) {\n      __typename\n      ... on Avatar { id name }\n      ... on Error { code }\n      ... on ValidationError { fieldErrors { field } }\n    }\n  }\n": types.Photos_RenameAvatarDocument,
    "\n  mutation Photos_DeleteAvatar($input: DeleteAvatarInput!) {\n    deleteAvatar(input: $input) {\n      __typename\n      ... on DeleteAvatarPayload { deletedAvatarId }\n      ... on Error { code }\n    }\n  }\n": types.Photos_DeleteAvatarDocument,
    "\n  query Photos_MyAvatars {\n    viewer {\n      avatars(first: 10) {\n        totalCount\n        edges { node { id name status referencePhotoCount generatedPhotoCount } }\n      }\n    }\n  }\n": types.Photos_MyAvatarsDocument,
    "\n  query Photos_Node($id: ID!) {\n    node(id: $id) {\n      id\n      ... on Avatar { name }\n      ... on ReferencePhoto { imageUrl mimeType }\n      ... on GeneratedPhoto { imageUrl prompt isFavorite }\n      ... on SharedGallery { token }\n    }\n  }\n": types.Photos_NodeDocument,
    "\n  mutation Photos_Upload($input: UploadReferencePhotosInput!) {\n    uploadReferencePhotos(input: $input) {\n      __typename\n      ... on UploadReferencePhotosPayload {\n        avatar { referencePhotoCount }\n        photos { id imageUrl originalFilename mimeType sizeBytes }\n      }\n      ... on Error { code message }\n      ... on ValidationError { fieldErrors { field message } }\n    }\n  }\n": types.Photos_UploadDocument,
    "\n  mutation Photos_DeleteReferencePhoto($input: DeleteReferencePhotoInput!) {\n    deleteReferencePhoto(input: $input) {\n      __typename\n      ... on DeleteReferencePhotoPayload { deletedPhotoId avatar { referencePhotoCount } }\n      ... on Error { code }\n    }\n  }\n": types.Photos_DeleteReferencePhotoDocument,
    "\n  query Photos_AvatarPhotos($id: ID!, $styleId: ID) {\n    node(id: $id) {\n      ... on Avatar {\n        referencePhotos(first: 20) { totalCount edges { node { id imageUrl } } }\n        generatedPhotos(first: 20, styleId: $styleId) {\n          totalCount\n          edges { node { id imageUrl prompt isFavorite style { code } } }\n        }\n      }\n    }\n  }\n": types.Photos_AvatarPhotosDocument,
    "\n  mutation Photos_Favorite($input: FavoritePhotoInput!) {\n    favoritePhoto(input: $input) {\n      __typename\n      ... on GeneratedPhoto { id isFavorite }\n      ... on Error { code }\n    }\n  }\n": types.Photos_FavoriteDocument,
    "\n  mutation Photos_Unfavorite($input: UnfavoritePhotoInput!) {\n    unfavoritePhoto(input: $input) {\n      __typename\n      ... on GeneratedPhoto { id isFavorite }\n      ... on Error { code }\n    }\n  }\n": types.Photos_UnfavoriteDocument,
    "\n  query Photos_FavoritePhotos($first: Int = 10, $after: String) {\n    viewer {\n      favoritePhotos(first: $first, after: $after) {\n        pageInfo { hasNextPage endCursor }\n        edges { favoritedAt node { id isFavorite } }\n      }\n    }\n  }\n": types.Photos_FavoritePhotosDocument,
    "\n  mutation Photos_DeleteGeneratedPhoto($input: DeleteGeneratedPhotoInput!) {\n    deleteGeneratedPhoto(input: $input) {\n      __typename\n      ... on DeleteGeneratedPhotoPayload { deletedPhotoId }\n      ... on Error { code }\n    }\n  }\n": types.Photos_DeleteGeneratedPhotoDocument,
    "\n  mutation Photos_CreateSharedGallery($input: CreateSharedGalleryInput!) {\n    createSharedGallery(input: $input) {\n      __typename\n      ... on SharedGallery { id token url expiresAt revokedAt viewCount avatar { name } }\n      ... on Error { code }\n      ... on ValidationError { fieldErrors { field } }\n    }\n  }\n": types.Photos_CreateSharedGalleryDocument,
    "\n  mutation Photos_RevokeSharedGallery($input: RevokeSharedGalleryInput!) {\n    revokeSharedGallery(input: $input) {\n      __typename\n      ... on SharedGallery { id revokedAt }\n      ... on Error { code }\n    }\n  }\n": types.Photos_RevokeSharedGalleryDocument,
    "\n  query Photos_PublicGallery($token: String!) {\n    sharedGallery(token: $token) {\n      __typename\n      avatarName\n      expiresAt\n      photos(first: 10) { edges { cursor node { imageUrl thumbnailUrl createdAt } } }\n    }\n  }\n": types.Photos_PublicGalleryDocument,
    "\n  mutation Referrals_CreateCode {\n    createReferralCode {\n      __typename\n      ... on ReferralCode { id code isActive }\n      ... on Error { code message }\n    }\n  }\n": types.Referrals_CreateCodeDocument,
    "\n  query Referrals_Program {\n    viewer {\n      referralProgram {\n        code { id code }\n        referralsCount\n        balance { rub ton }\n        earned { rub ton }\n        isPartner\n        commissionRate\n      }\n    }\n  }\n": types.Referrals_ProgramDocument,
    "\n  query Referrals_Lists($first: Int) {\n    viewer {\n      referralProgram {\n        earned { rub ton }\n        balance { rub ton }\n        earnings(first: $first) {\n          totalCount\n          edges { node { id amount currency rate status referredUserName createdAt } }\n        }\n        balanceTransactions(first: $first) {\n          totalCount\n          edges { node { id kind amount currency balanceAfter createdAt } }\n        }\n        withdrawals(first: $first) {\n          totalCount\n          edges {\n            node {\n              id amount ndflAmount payoutAmount currency method status destination rejectionReason createdAt processedAt paidAt\n            }\n          }\n        }\n      }\n    }\n  }\n": types.Referrals_ListsDocument,
    "\n  query Referrals_Node($id: ID!) {\n    node(id: $id) {\n      id\n      ... on ReferralCode { code }\n      ... on ReferralEarning { amount }\n      ... on BalanceTransaction { amount }\n      ... on Withdrawal { amount destination }\n      ... on PartnerApplication { contactName status }\n    }\n  }\n": types.Referrals_NodeDocument,
    "\n  mutation Referrals_SubmitApplication($input: SubmitPartnerApplicationInput!) {\n    submitPartnerApplication(input: $input) {\n      __typename\n      ... on PartnerApplication {\n        id contactName contactEmail telegramUsername audienceSize promotionChannels note: message status reviewedAt\n      }\n      ... on ValidationError { code fieldErrors { field message } }\n      ... on Error { code message }\n    }\n  }\n": types.Referrals_SubmitApplicationDocument,
    "\n  query Referrals_Applications {\n    viewer { partnerApplications(first: 10) { edges { node { id contactName status } } } }\n  }\n": types.Referrals_ApplicationsDocument,
    "\n  mutation Support_Open($input: OpenSupportTicketInput!) {\n    openSupportTicket(input: $input) {\n      __typename\n      ... on SupportTicket {\n        id number subject category priority status createdAt resolvedAt closedAt rating ratingComment\n        messages(first: 10) { edges { node { id body senderType senderName createdAt } } }\n      }\n      ... on ValidationError { fieldErrors { field message } }\n      ... on Error { code message }\n    }\n  }\n": types.Support_OpenDocument,
    "\n  mutation Support_Post($input: PostSupportMessageInput!) {\n    postSupportMessage(input: $input) {\n      __typename\n      ... on SupportTicketMessage { id body senderType senderName ticket { id status resolvedAt } }\n      ... on ValidationError { fieldErrors { field message } }\n      ... on Error { code message }\n    }\n  }\n": types.Support_PostDocument,
    "\n  mutation Support_Rate($input: RateSupportTicketInput!) {\n    rateSupportTicket(input: $input) {\n      __typename\n      ... on SupportTicket { id status rating ratingComment }\n      ... on ValidationError { fieldErrors { field message } }\n      ... on Error { code message }\n    }\n  }\n": types.Support_RateDocument,
    "\n  mutation Support_Close($input: CloseSupportTicketInput!) {\n    closeSupportTicket(input: $input) {\n      __typename\n      ... on SupportTicket { id status closedAt }\n      ... on Error { code message }\n    }\n  }\n": types.Support_CloseDocument,
    "\n  query Support_Tickets($status: TicketStatus, $first: Int) {\n    viewer {\n      supportTickets(first: $first, status: $status) {\n        totalCount\n        edges {\n          node {\n            id number subject status updatedAt\n            messages(first: 20) {\n              edges { node { id body senderType senderName createdAt attachments { url name mimeType } } }\n            }\n          }\n        }\n      }\n    }\n  }\n": types.Support_TicketsDocument,
    "\n  query Support_Node($id: ID!) {\n    node(id: $id) {\n      id\n      ... on SupportTicket { number subject messages(first: 20) { edges { node { body } } } }\n      ... on SupportTicketMessage { body }\n    }\n  }\n": types.Support_NodeDocument,
    "\n  query Viewer_Profile {\n    viewer {\n      id name telegramUsername email isPro onboardingCompletedAt\n      identities { provider linkedAt }\n    }\n  }\n": types.Viewer_ProfileDocument,
    "\n  mutation Viewer_UpdateProfile($input: UpdateProfileInput!) {\n    updateProfile(input: $input) {\n      __typename\n      ... on User { id name email }\n      ... on ValidationError { code fieldErrors { field message } }\n    }\n  }\n": types.Viewer_UpdateProfileDocument,
    "\n  mutation Viewer_CompleteOnboarding { completeOnboarding { onboardingCompletedAt } }\n": types.Viewer_CompleteOnboardingDocument,
    "\n  query Viewer_Node($id: ID!) { node(id: $id) { id ... on User { name email } } }\n": types.Viewer_NodeDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Api_Catalogue {\n    pricingTiers { id code name price photoCount isPopular }\n    styles { id code name description }\n  }\n"): (typeof documents)["\n  query Api_Catalogue {\n    pricingTiers { id code name price photoCount isPopular }\n    styles { id code name description }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Api_Node($id: ID!) {\n    node(id: $id) {\n      id\n      ... on PricingTier { code price }\n      ... on User { name }\n    }\n  }\n"): (typeof documents)["\n  query Api_Node($id: ID!) {\n    node(id: $id) {\n      id\n      ... on PricingTier { code price }\n      ... on User { name }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Api_Viewer { viewer { id name } }\n"): (typeof documents)["\n  query Api_Viewer { viewer { id name } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Auth_SignIn($input: SignInWithTelegramInput!) {\n    signInWithTelegram(input: $input) {\n      __typename\n      ... on SignInPayload {\n        token\n        expiresAt\n        isNewUser\n        user { id telegramUserId telegramUsername name identities { provider } }\n      }\n      ... on Error { code message }\n      ... on ValidationError { fieldErrors { field message } }\n    }\n  }\n"): (typeof documents)["\n  mutation Auth_SignIn($input: SignInWithTelegramInput!) {\n    signInWithTelegram(input: $input) {\n      __typename\n      ... on SignInPayload {\n        token\n        expiresAt\n        isNewUser\n        user { id telegramUserId telegramUsername name identities { provider } }\n      }\n      ... on Error { code message }\n      ... on ValidationError { fieldErrors { field message } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Auth_SignInWidget($input: SignInWithTelegramWidgetInput!) {\n    signInWithTelegramWidget(input: $input) {\n      __typename\n      ... on SignInPayload { token isNewUser user { id telegramUserId name } }\n      ... on Error { code message }\n    }\n  }\n"): (typeof documents)["\n  mutation Auth_SignInWidget($input: SignInWithTelegramWidgetInput!) {\n    signInWithTelegramWidget(input: $input) {\n      __typename\n      ... on SignInPayload { token isNewUser user { id telegramUserId name } }\n      ... on Error { code message }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Auth_SignOut { signOut }\n"): (typeof documents)["\n  mutation Auth_SignOut { signOut }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Auth_Viewer { viewer { id name telegramUserId } }\n"): (typeof documents)["\n  query Auth_Viewer { viewer { id name telegramUserId } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Catalogue_PhotoPacks($first: Int, $after: String) {\n    photoPacks(first: $first, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges {\n        node {\n          id\n          name\n          description\n          coverUrl\n          isActive\n          items(first: 50) {\n            totalCount\n            edges { node { id position title previewUrl } }\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Catalogue_PhotoPacks($first: Int, $after: String) {\n    photoPacks(first: $first, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges {\n        node {\n          id\n          name\n          description\n          coverUrl\n          isActive\n          items(first: 50) {\n            totalCount\n            edges { node { id position title previewUrl } }\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Catalogue_PhotoPack($id: ID!) {\n    photoPack(id: $id) { id name items { edges { node { position title } } } }\n  }\n"): (typeof documents)["\n  query Catalogue_PhotoPack($id: ID!) {\n    photoPack(id: $id) { id name items { edges { node { position title } } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Catalogue_Node($id: ID!) {\n    node(id: $id) {\n      id\n      ... on PricingTier { code }\n      ... on Style { code }\n      ... on PhotoPack { name }\n      ... on PackItem { title }\n    }\n  }\n"): (typeof documents)["\n  query Catalogue_Node($id: ID!) {\n    node(id: $id) {\n      id\n      ... on PricingTier { code }\n      ... on Style { code }\n      ... on PhotoPack { name }\n      ... on PackItem { title }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Catalogue_Styles {\n    styles { code promptCount }\n    pricingTiers { code }\n  }\n"): (typeof documents)["\n  query Catalogue_Styles {\n    styles { code promptCount }\n    pricingTiers { code }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Generation_AvatarJobs($id: ID!) {\n    node(id: $id) {\n      ... on Avatar {\n        latestJob { id status totalPhotos completedPhotos progress style { code } pack { name } }\n        generationJobs(first: 10) {\n          totalCount\n          edges {\n            node {\n              id status progress errorMessage startedAt completedAt createdAt\n              tasks(first: 20) { totalCount edges { node { promptIndex status attempts maxAttempts errorMessage resultUrl } } }\n            }\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Generation_AvatarJobs($id: ID!) {\n    node(id: $id) {\n      ... on Avatar {\n        latestJob { id status totalPhotos completedPhotos progress style { code } pack { name } }\n        generationJobs(first: 10) {\n          totalCount\n          edges {\n            node {\n              id status progress errorMessage startedAt completedAt createdAt\n              tasks(first: 20) { totalCount edges { node { promptIndex status attempts maxAttempts errorMessage resultUrl } } }\n            }\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Generation_JobNode($id: ID!) {\n    node(id: $id) {\n      id\n      ... on GenerationJob {\n        status\n        avatar { name }\n        pack { name }\n        style { code }\n        tasks(first: 10) { edges { node { id promptIndex status } } }\n        generatedPhotos(first: 10) { totalCount edges { node { imageUrl job { id } } } }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Generation_JobNode($id: ID!) {\n    node(id: $id) {\n      id\n      ... on GenerationJob {\n        status\n        avatar { name }\n        pack { name }\n        style { code }\n        tasks(first: 10) { edges { node { id promptIndex status } } }\n        generatedPhotos(first: 10) { totalCount edges { node { imageUrl job { id } } } }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Generation_TaskNodes($ids: [ID!]!) {\n    nodes(ids: $ids) { id ... on GenerationTask { promptIndex status } }\n  }\n"): (typeof documents)["\n  query Generation_TaskNodes($ids: [ID!]!) {\n    nodes(ids: $ids) { id ... on GenerationTask { promptIndex status } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Generation_TaskFields {\n    task: __type(name: \"GenerationTask\") { fields { name } }\n    job: __type(name: \"GenerationJob\") { fields { name } }\n  }\n"): (typeof documents)["\n  query Generation_TaskFields {\n    task: __type(name: \"GenerationTask\") { fields { name } }\n    job: __type(name: \"GenerationJob\") { fields { name } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Nesting_Headline {\n    viewer {\n      avatars(first: 50) {\n        edges {\n          node {\n            name\n            latestJob { status completedPhotos totalPhotos }\n            referencePhotos(first: 10) { edges { node { imageUrl } } }\n            generatedPhotos(first: 20) { edges { node { imageUrl isFavorite style { name } } } }\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Nesting_Headline {\n    viewer {\n      avatars(first: 50) {\n        edges {\n          node {\n            name\n            latestJob { status completedPhotos totalPhotos }\n            referencePhotos(first: 10) { edges { node { imageUrl } } }\n            generatedPhotos(first: 20) { edges { node { imageUrl isFavorite style { name } } } }\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Nesting_Favorites {\n    viewer {\n      favoritePhotos(first: 100) {\n        edges { favoritedAt node { id imageUrl isFavorite style { name } avatar { name } } }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Nesting_Favorites {\n    viewer {\n      favoritePhotos(first: 100) {\n        edges { favoritedAt node { id imageUrl isFavorite style { name } avatar { name } } }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Nesting_JobsAndTasks {\n    viewer {\n      avatars(first: 50) {\n        edges {\n          node {\n            latestJob { id status }\n            generationJobs(first: 10) {\n              totalCount\n              edges {\n                node {\n                  status progress style { name }\n                  tasks(first: 50) { totalCount edges { node { promptIndex status attempts } } }\n                }\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Nesting_JobsAndTasks {\n    viewer {\n      avatars(first: 50) {\n        edges {\n          node {\n            latestJob { id status }\n            generationJobs(first: 10) {\n              totalCount\n              edges {\n                node {\n                  status progress style { name }\n                  tasks(first: 50) { totalCount edges { node { promptIndex status attempts } } }\n                }\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Nesting_Gallery($token: String!) {\n    sharedGallery(token: $token) {\n      avatarName\n      photos(first: 100) { edges { node { imageUrl thumbnailUrl createdAt } } }\n    }\n  }\n"): (typeof documents)["\n  query Nesting_Gallery($token: String!) {\n    sharedGallery(token: $token) {\n      avatarName\n      photos(first: 100) { edges { node { imageUrl thumbnailUrl createdAt } } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Payments_ViewerPayments($first: Int, $status: PaymentStatus) {\n    viewer {\n      id\n      payments(first: $first, status: $status) {\n        totalCount\n        edges {\n          node {\n            id\n            provider\n            status\n            amount\n            currency\n            originalAmount\n            originalCurrency\n            exchangeRate\n            starsAmount\n            tonAmount\n            reference\n            photoCount\n            refundAmount\n            refundStatus\n            refundedAt\n            consumed\n            consumedAt\n            isTestMode\n            createdAt\n            tier { id code price }\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Payments_ViewerPayments($first: Int, $status: PaymentStatus) {\n    viewer {\n      id\n      payments(first: $first, status: $status) {\n        totalCount\n        edges {\n          node {\n            id\n            provider\n            status\n            amount\n            currency\n            originalAmount\n            originalCurrency\n            exchangeRate\n            starsAmount\n            tonAmount\n            reference\n            photoCount\n            refundAmount\n            refundStatus\n            refundedAt\n            consumed\n            consumedAt\n            isTestMode\n            createdAt\n            tier { id code price }\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Payments_AvailablePayment {\n    viewer { id availablePayment { id amount consumed tier { code } } }\n  }\n"): (typeof documents)["\n  query Payments_AvailablePayment {\n    viewer { id availablePayment { id amount consumed tier { code } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Payments_IsPro {\n    viewer { id isPro availablePayment { id } }\n  }\n"): (typeof documents)["\n  query Payments_IsPro {\n    viewer { id isPro availablePayment { id } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Payments_ViewerId { viewer { id } }\n"): (typeof documents)["\n  query Payments_ViewerId { viewer { id } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Payments_Node($id: ID!) {\n    node(id: $id) { id ... on Payment { amount status } }\n  }\n"): (typeof documents)["\n  query Payments_Node($id: ID!) {\n    node(id: $id) { id ... on Payment { amount status } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Photos_CreateAvatar($input: CreateAvatarInput!) {\n    createAvatar(input: $input) {\n      __typename\n      ... on Avatar { id name status referencePhotoCount generatedPhotoCount latestJob { id } }\n      ... on Error { code message }\n      ... on ValidationError { fieldErrors { field message } }\n    }\n  }\n"): (typeof documents)["\n  mutation Photos_CreateAvatar($input: CreateAvatarInput!) {\n    createAvatar(input: $input) {\n      __typename\n      ... on Avatar { id name status referencePhotoCount generatedPhotoCount latestJob { id } }\n      ... on Error { code message }\n      ... on ValidationError { fieldErrors { field message } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Photos_RenameAvatar($input: RenameAvatarInput!) {\n    renameAvatar(input: $input) {\n      __typename\n      ... on Avatar { id name }\n      ... on Error { code }\n      ... on ValidationError { fieldErrors { field } }\n    }\n  }\n"): (typeof documents)["\n  mutation Photos_RenameAvatar($input: RenameAvatarInput!) {\n    renameAvatar(input: $input) {\n      __typename\n      ... on Avatar { id name }\n      ... on Error { code }\n      ... on ValidationError { fieldErrors { field } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Photos_DeleteAvatar($input: DeleteAvatarInput!) {\n    deleteAvatar(input: $input) {\n      __typename\n      ... on DeleteAvatarPayload { deletedAvatarId }\n      ... on Error { code }\n    }\n  }\n"): (typeof documents)["\n  mutation Photos_DeleteAvatar($input: DeleteAvatarInput!) {\n    deleteAvatar(input: $input) {\n      __typename\n      ... on DeleteAvatarPayload { deletedAvatarId }\n      ... on Error { code }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Photos_MyAvatars {\n    viewer {\n      avatars(first: 10) {\n        totalCount\n        edges { node { id name status referencePhotoCount generatedPhotoCount } }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Photos_MyAvatars {\n    viewer {\n      avatars(first: 10) {\n        totalCount\n        edges { node { id name status referencePhotoCount generatedPhotoCount } }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Photos_Node($id: ID!) {\n    node(id: $id) {\n      id\n      ... on Avatar { name }\n      ... on ReferencePhoto { imageUrl mimeType }\n      ... on GeneratedPhoto { imageUrl prompt isFavorite }\n      ... on SharedGallery { token }\n    }\n  }\n"): (typeof documents)["\n  query Photos_Node($id: ID!) {\n    node(id: $id) {\n      id\n      ... on Avatar { name }\n      ... on ReferencePhoto { imageUrl mimeType }\n      ... on GeneratedPhoto { imageUrl prompt isFavorite }\n      ... on SharedGallery { token }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Photos_Upload($input: UploadReferencePhotosInput!) {\n    uploadReferencePhotos(input: $input) {\n      __typename\n      ... on UploadReferencePhotosPayload {\n        avatar { referencePhotoCount }\n        photos { id imageUrl originalFilename mimeType sizeBytes }\n      }\n      ... on Error { code message }\n      ... on ValidationError { fieldErrors { field message } }\n    }\n  }\n"): (typeof documents)["\n  mutation Photos_Upload($input: UploadReferencePhotosInput!) {\n    uploadReferencePhotos(input: $input) {\n      __typename\n      ... on UploadReferencePhotosPayload {\n        avatar { referencePhotoCount }\n        photos { id imageUrl originalFilename mimeType sizeBytes }\n      }\n      ... on Error { code message }\n      ... on ValidationError { fieldErrors { field message } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Photos_DeleteReferencePhoto($input: DeleteReferencePhotoInput!) {\n    deleteReferencePhoto(input: $input) {\n      __typename\n      ... on DeleteReferencePhotoPayload { deletedPhotoId avatar { referencePhotoCount } }\n      ... on Error { code }\n    }\n  }\n"): (typeof documents)["\n  mutation Photos_DeleteReferencePhoto($input: DeleteReferencePhotoInput!) {\n    deleteReferencePhoto(input: $input) {\n      __typename\n      ... on DeleteReferencePhotoPayload { deletedPhotoId avatar { referencePhotoCount } }\n      ... on Error { code }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Photos_AvatarPhotos($id: ID!, $styleId: ID) {\n    node(id: $id) {\n      ... on Avatar {\n        referencePhotos(first: 20) { totalCount edges { node { id imageUrl } } }\n        generatedPhotos(first: 20, styleId: $styleId) {\n          totalCount\n          edges { node { id imageUrl prompt isFavorite style { code } } }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Photos_AvatarPhotos($id: ID!, $styleId: ID) {\n    node(id: $id) {\n      ... on Avatar {\n        referencePhotos(first: 20) { totalCount edges { node { id imageUrl } } }\n        generatedPhotos(first: 20, styleId: $styleId) {\n          totalCount\n          edges { node { id imageUrl prompt isFavorite style { code } } }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Photos_Favorite($input: FavoritePhotoInput!) {\n    favoritePhoto(input: $input) {\n      __typename\n      ... on GeneratedPhoto { id isFavorite }\n      ... on Error { code }\n    }\n  }\n"): (typeof documents)["\n  mutation Photos_Favorite($input: FavoritePhotoInput!) {\n    favoritePhoto(input: $input) {\n      __typename\n      ... on GeneratedPhoto { id isFavorite }\n      ... on Error { code }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Photos_Unfavorite($input: UnfavoritePhotoInput!) {\n    unfavoritePhoto(input: $input) {\n      __typename\n      ... on GeneratedPhoto { id isFavorite }\n      ... on Error { code }\n    }\n  }\n"): (typeof documents)["\n  mutation Photos_Unfavorite($input: UnfavoritePhotoInput!) {\n    unfavoritePhoto(input: $input) {\n      __typename\n      ... on GeneratedPhoto { id isFavorite }\n      ... on Error { code }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Photos_FavoritePhotos($first: Int = 10, $after: String) {\n    viewer {\n      favoritePhotos(first: $first, after: $after) {\n        pageInfo { hasNextPage endCursor }\n        edges { favoritedAt node { id isFavorite } }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Photos_FavoritePhotos($first: Int = 10, $after: String) {\n    viewer {\n      favoritePhotos(first: $first, after: $after) {\n        pageInfo { hasNextPage endCursor }\n        edges { favoritedAt node { id isFavorite } }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Photos_DeleteGeneratedPhoto($input: DeleteGeneratedPhotoInput!) {\n    deleteGeneratedPhoto(input: $input) {\n      __typename\n      ... on DeleteGeneratedPhotoPayload { deletedPhotoId }\n      ... on Error { code }\n    }\n  }\n"): (typeof documents)["\n  mutation Photos_DeleteGeneratedPhoto($input: DeleteGeneratedPhotoInput!) {\n    deleteGeneratedPhoto(input: $input) {\n      __typename\n      ... on DeleteGeneratedPhotoPayload { deletedPhotoId }\n      ... on Error { code }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Photos_CreateSharedGallery($input: CreateSharedGalleryInput!) {\n    createSharedGallery(input: $input) {\n      __typename\n      ... on SharedGallery { id token url expiresAt revokedAt viewCount avatar { name } }\n      ... on Error { code }\n      ... on ValidationError { fieldErrors { field } }\n    }\n  }\n"): (typeof documents)["\n  mutation Photos_CreateSharedGallery($input: CreateSharedGalleryInput!) {\n    createSharedGallery(input: $input) {\n      __typename\n      ... on SharedGallery { id token url expiresAt revokedAt viewCount avatar { name } }\n      ... on Error { code }\n      ... on ValidationError { fieldErrors { field } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Photos_RevokeSharedGallery($input: RevokeSharedGalleryInput!) {\n    revokeSharedGallery(input: $input) {\n      __typename\n      ... on SharedGallery { id revokedAt }\n      ... on Error { code }\n    }\n  }\n"): (typeof documents)["\n  mutation Photos_RevokeSharedGallery($input: RevokeSharedGalleryInput!) {\n    revokeSharedGallery(input: $input) {\n      __typename\n      ... on SharedGallery { id revokedAt }\n      ... on Error { code }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Photos_PublicGallery($token: String!) {\n    sharedGallery(token: $token) {\n      __typename\n      avatarName\n      expiresAt\n      photos(first: 10) { edges { cursor node { imageUrl thumbnailUrl createdAt } } }\n    }\n  }\n"): (typeof documents)["\n  query Photos_PublicGallery($token: String!) {\n    sharedGallery(token: $token) {\n      __typename\n      avatarName\n      expiresAt\n      photos(first: 10) { edges { cursor node { imageUrl thumbnailUrl createdAt } } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Referrals_CreateCode {\n    createReferralCode {\n      __typename\n      ... on ReferralCode { id code isActive }\n      ... on Error { code message }\n    }\n  }\n"): (typeof documents)["\n  mutation Referrals_CreateCode {\n    createReferralCode {\n      __typename\n      ... on ReferralCode { id code isActive }\n      ... on Error { code message }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Referrals_Program {\n    viewer {\n      referralProgram {\n        code { id code }\n        referralsCount\n        balance { rub ton }\n        earned { rub ton }\n        isPartner\n        commissionRate\n      }\n    }\n  }\n"): (typeof documents)["\n  query Referrals_Program {\n    viewer {\n      referralProgram {\n        code { id code }\n        referralsCount\n        balance { rub ton }\n        earned { rub ton }\n        isPartner\n        commissionRate\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Referrals_Lists($first: Int) {\n    viewer {\n      referralProgram {\n        earned { rub ton }\n        balance { rub ton }\n        earnings(first: $first) {\n          totalCount\n          edges { node { id amount currency rate status referredUserName createdAt } }\n        }\n        balanceTransactions(first: $first) {\n          totalCount\n          edges { node { id kind amount currency balanceAfter createdAt } }\n        }\n        withdrawals(first: $first) {\n          totalCount\n          edges {\n            node {\n              id amount ndflAmount payoutAmount currency method status destination rejectionReason createdAt processedAt paidAt\n            }\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Referrals_Lists($first: Int) {\n    viewer {\n      referralProgram {\n        earned { rub ton }\n        balance { rub ton }\n        earnings(first: $first) {\n          totalCount\n          edges { node { id amount currency rate status referredUserName createdAt } }\n        }\n        balanceTransactions(first: $first) {\n          totalCount\n          edges { node { id kind amount currency balanceAfter createdAt } }\n        }\n        withdrawals(first: $first) {\n          totalCount\n          edges {\n            node {\n              id amount ndflAmount payoutAmount currency method status destination rejectionReason createdAt processedAt paidAt\n            }\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Referrals_Node($id: ID!) {\n    node(id: $id) {\n      id\n      ... on ReferralCode { code }\n      ... on ReferralEarning { amount }\n      ... on BalanceTransaction { amount }\n      ... on Withdrawal { amount destination }\n      ... on PartnerApplication { contactName status }\n    }\n  }\n"): (typeof documents)["\n  query Referrals_Node($id: ID!) {\n    node(id: $id) {\n      id\n      ... on ReferralCode { code }\n      ... on ReferralEarning { amount }\n      ... on BalanceTransaction { amount }\n      ... on Withdrawal { amount destination }\n      ... on PartnerApplication { contactName status }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Referrals_SubmitApplication($input: SubmitPartnerApplicationInput!) {\n    submitPartnerApplication(input: $input) {\n      __typename\n      ... on PartnerApplication {\n        id contactName contactEmail telegramUsername audienceSize promotionChannels note: message status reviewedAt\n      }\n      ... on ValidationError { code fieldErrors { field message } }\n      ... on Error { code message }\n    }\n  }\n"): (typeof documents)["\n  mutation Referrals_SubmitApplication($input: SubmitPartnerApplicationInput!) {\n    submitPartnerApplication(input: $input) {\n      __typename\n      ... on PartnerApplication {\n        id contactName contactEmail telegramUsername audienceSize promotionChannels note: message status reviewedAt\n      }\n      ... on ValidationError { code fieldErrors { field message } }\n      ... on Error { code message }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Referrals_Applications {\n    viewer { partnerApplications(first: 10) { edges { node { id contactName status } } } }\n  }\n"): (typeof documents)["\n  query Referrals_Applications {\n    viewer { partnerApplications(first: 10) { edges { node { id contactName status } } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Support_Open($input: OpenSupportTicketInput!) {\n    openSupportTicket(input: $input) {\n      __typename\n      ... on SupportTicket {\n        id number subject category priority status createdAt resolvedAt closedAt rating ratingComment\n        messages(first: 10) { edges { node { id body senderType senderName createdAt } } }\n      }\n      ... on ValidationError { fieldErrors { field message } }\n      ... on Error { code message }\n    }\n  }\n"): (typeof documents)["\n  mutation Support_Open($input: OpenSupportTicketInput!) {\n    openSupportTicket(input: $input) {\n      __typename\n      ... on SupportTicket {\n        id number subject category priority status createdAt resolvedAt closedAt rating ratingComment\n        messages(first: 10) { edges { node { id body senderType senderName createdAt } } }\n      }\n      ... on ValidationError { fieldErrors { field message } }\n      ... on Error { code message }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Support_Post($input: PostSupportMessageInput!) {\n    postSupportMessage(input: $input) {\n      __typename\n      ... on SupportTicketMessage { id body senderType senderName ticket { id status resolvedAt } }\n      ... on ValidationError { fieldErrors { field message } }\n      ... on Error { code message }\n    }\n  }\n"): (typeof documents)["\n  mutation Support_Post($input: PostSupportMessageInput!) {\n    postSupportMessage(input: $input) {\n      __typename\n      ... on SupportTicketMessage { id body senderType senderName ticket { id status resolvedAt } }\n      ... on ValidationError { fieldErrors { field message } }\n      ... on Error { code message }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Support_Rate($input: RateSupportTicketInput!) {\n    rateSupportTicket(input: $input) {\n      __typename\n      ... on SupportTicket { id status rating ratingComment }\n      ... on ValidationError { fieldErrors { field message } }\n      ... on Error { code message }\n    }\n  }\n"): (typeof documents)["\n  mutation Support_Rate($input: RateSupportTicketInput!) {\n    rateSupportTicket(input: $input) {\n      __typename\n      ... on SupportTicket { id status rating ratingComment }\n      ... on ValidationError { fieldErrors { field message } }\n      ... on Error { code message }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Support_Close($input: CloseSupportTicketInput!) {\n    closeSupportTicket(input: $input) {\n      __typename\n      ... on SupportTicket { id status closedAt }\n      ... on Error { code message }\n    }\n  }\n"): (typeof documents)["\n  mutation Support_Close($input: CloseSupportTicketInput!) {\n    closeSupportTicket(input: $input) {\n      __typename\n      ... on SupportTicket { id status closedAt }\n      ... on Error { code message }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Support_Tickets($status: TicketStatus, $first: Int) {\n    viewer {\n      supportTickets(first: $first, status: $status) {\n        totalCount\n        edges {\n          node {\n            id number subject status updatedAt\n            messages(first: 20) {\n              edges { node { id body senderType senderName createdAt attachments { url name mimeType } } }\n            }\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Support_Tickets($status: TicketStatus, $first: Int) {\n    viewer {\n      supportTickets(first: $first, status: $status) {\n        totalCount\n        edges {\n          node {\n            id number subject status updatedAt\n            messages(first: 20) {\n              edges { node { id body senderType senderName createdAt attachments { url name mimeType } } }\n            }\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Support_Node($id: ID!) {\n    node(id: $id) {\n      id\n      ... on SupportTicket { number subject messages(first: 20) { edges { node { body } } } }\n      ... on SupportTicketMessage { body }\n    }\n  }\n"): (typeof documents)["\n  query Support_Node($id: ID!) {\n    node(id: $id) {\n      id\n      ... on SupportTicket { number subject messages(first: 20) { edges { node { body } } } }\n      ... on SupportTicketMessage { body }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Viewer_Profile {\n    viewer {\n      id name telegramUsername email isPro onboardingCompletedAt\n      identities { provider linkedAt }\n    }\n  }\n"): (typeof documents)["\n  query Viewer_Profile {\n    viewer {\n      id name telegramUsername email isPro onboardingCompletedAt\n      identities { provider linkedAt }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Viewer_UpdateProfile($input: UpdateProfileInput!) {\n    updateProfile(input: $input) {\n      __typename\n      ... on User { id name email }\n      ... on ValidationError { code fieldErrors { field message } }\n    }\n  }\n"): (typeof documents)["\n  mutation Viewer_UpdateProfile($input: UpdateProfileInput!) {\n    updateProfile(input: $input) {\n      __typename\n      ... on User { id name email }\n      ... on ValidationError { code fieldErrors { field message } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Viewer_CompleteOnboarding { completeOnboarding { onboardingCompletedAt } }\n"): (typeof documents)["\n  mutation Viewer_CompleteOnboarding { completeOnboarding { onboardingCompletedAt } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Viewer_Node($id: ID!) { node(id: $id) { id ... on User { name email } } }\n"): (typeof documents)["\n  query Viewer_Node($id: ID!) { node(id: $id) { id ... on User { name email } } }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;